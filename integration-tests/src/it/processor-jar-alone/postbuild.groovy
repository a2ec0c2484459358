// The Maven build above resolved gradgen-processor alone onto the processor path (its pom lists no
// dependencies). Here the same sources are compiled by a bare javac whose -processorpath is that one
// jar - no gradgen-annotations, no JavaPoet beside it - and the program runs and fits its line.
def log = new File(basedir, 'build.log').text
assert !log.contains('[gradgen/') : 'gradgen reported something:\n' + log

def repo = localRepositoryPath as File
def jar = { String artifact -> new File(repo, "io/gradgen/${artifact}/${projectVersion}/${artifact}-${projectVersion}.jar") }
def processor = jar('gradgen-processor')
def classpath = [jar('gradgen-annotations'), jar('gradgen-runtime')]
(classpath + processor).each { assert it.isFile() : "missing ${it}" }

// what a processor path resolves besides the jar: the published pom's non-optional compile and runtime dependencies
def pomFile = new File(repo, "io/gradgen/gradgen-processor/${projectVersion}/gradgen-processor-${projectVersion}.pom")
def pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pomFile)
def child = { node, String name -> def list = node.getElementsByTagName(name); list.length == 0 ? '' : list.item(0).textContent.trim() }
def carried = []
def dependencies = pom.getElementsByTagName('dependency')
for (int i = 0; i < dependencies.length; i++) {
    def d = dependencies.item(i)
    if (d.parentNode.parentNode.nodeName == 'project' && child(d, 'scope') in ['', 'compile', 'runtime'] && child(d, 'optional') != 'true') {
        carried << "${child(d, 'groupId')}:${child(d, 'artifactId')}"
    }
}
assert carried.isEmpty() : "the published processor pom drags ${carried} onto processor paths"

def bin = new File(System.getProperty('java.home'), 'bin')
def out = new File(basedir, 'target/plain-javac')
out.mkdirs()
def sources = []
new File(basedir, 'src/main/java').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.java')) sources << it.path }

def run = { List<String> command ->
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    [process.exitValue(), output]
}

def (javacExit, javacOutput) = run([new File(bin, 'javac').path, '-Xlint:all', '-Werror',
        '-processorpath', processor.path,
        '-cp', classpath.join(File.pathSeparator),
        '-d', out.path] + sources)
assert javacExit == 0 : "javac -processorpath ${processor.name} failed:\n${javacOutput}"
assert new File(out, 'com/example/fit/HuberLoss.class').isFile()
assert new File(out, 'com/example/fit/HuberLossBackward.class').isFile()

def (javaExit, javaOutput) = run([new File(bin, 'java').path,
        '-cp', ([out] + classpath).join(File.pathSeparator), 'com.example.fit.Fit'])
assert javaExit == 0 : "the plain-javac build did not fit its line:\n${javaOutput}"
assert javaOutput.contains('fit: y = 2.0000 x + 1.0000') : javaOutput
true
