// The Maven build above compiled the losses with javac and gradgen and tested them. Here Eclipse's
// batch compiler (ECJ: org.eclipse.jdt.internal.compiler.batch.Main, as Eclipse, VS Code's Java
// extension and ECJ-based builds run it) compiles the same sources with gradgen-processor alone on
// its -processorpath. ECJ has no javac Tree API, so gradgen parses each loss's file with the JDK's
// parser: what it generates must be javac's output byte for byte, and the ECJ-built program must pass
// every check against the closed forms and fit its line.
def log = new File(basedir, 'build.log').text
assert !log.contains('[gradgen/') : 'gradgen reported something:\n' + log

def repo = localRepositoryPath as File
def jar = { String artifact -> new File(repo, "io/gradgen/${artifact}/${projectVersion}/${artifact}-${projectVersion}.jar") }
def processor = jar('gradgen-processor')
def classpath = [jar('gradgen-annotations'), jar('gradgen-runtime')]
// resolved by the build as a test dependency: Maven Central's org.eclipse.jdt:ecj
def ecj = new File(repo, "org/eclipse/jdt/ecj/${ecjVersion}/ecj-${ecjVersion}.jar")
(classpath + processor + ecj).each { assert it.isFile() : "missing ${it}" }

def bin = new File(System.getProperty('java.home'), 'bin')
def classes = new File(basedir, 'target/ecj/classes')
def generated = new File(basedir, 'target/ecj/generated')
[classes, generated].each { it.mkdirs() }
def sources = []
new File(basedir, 'src/main/java').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.java')) sources << it.path }

def run = { List<String> command ->
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    [process.exitValue(), output]
}

def (ecjExit, ecjOutput) = run([new File(bin, 'java').path, '-cp', ecj.path, 'org.eclipse.jdt.internal.compiler.batch.Main',
        '-17', '-encoding', 'UTF-8',
        // -cp before -processorpath: ECJ 3.46 loads no processor when -cp comes after -processorpath
        '-cp', classpath.join(File.pathSeparator),
        '-processorpath', processor.path,
        '-d', classes.path, '-s', generated.path] + sources)
new File(basedir, 'target/ecj/ecj.log').text = ecjOutput
assert ecjExit == 0 : "ECJ -processorpath ${processor.name} failed:\n${ecjOutput}"
assert !ecjOutput.contains('[gradgen/') : "gradgen reported something under ECJ:\n${ecjOutput}"
assert !ecjOutput.contains('ERROR in') : ecjOutput

// one front end: the same generated sources, and the same helper bodies stored beside the classes
def files = { File root, String suffix ->
    def found = [:]
    root.eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith(suffix)) found[root.toPath().relativize(it.toPath()).toString()] = it.bytes }
    found
}
def byJavac = files(new File(basedir, 'target/generated-sources/annotations'), '.java')
def byEcj = files(generated, '.java')
assert byJavac.keySet().sort() == ['com/example/ecj/LogCoshLoss.java', 'com/example/ecj/LogCoshLossBackward.java',
        'com/example/ecj/SoftmaxCrossEntropyLoss.java', 'com/example/ecj/SoftmaxCrossEntropyLossBackward.java']
assert byEcj.keySet() == byJavac.keySet() : "ECJ generated ${byEcj.keySet()}, javac ${byJavac.keySet()}"
byJavac.each { name, bytes -> assert Arrays.equals(byEcj[name], bytes) : "${name} differs between ECJ and javac" }
def helpersByJavac = files(new File(basedir, 'target/classes'), '.gradgen')
def helpersByEcj = files(classes, '.gradgen')
assert helpersByJavac.keySet().sort() == ['com/example/ecj/Smooth.logCosh.gradgen', 'com/example/ecj/Smooth.softmax.gradgen']
assert helpersByEcj.keySet() == helpersByJavac.keySet()
helpersByJavac.each { name, bytes -> assert Arrays.equals(helpersByEcj[name], bytes) : "${name} differs between ECJ and javac" }

// ECJ's classes, run on their own: the losses against their closed forms, and a fit
def (javaExit, javaOutput) = run([new File(bin, 'java').path,
        '-cp', ([classes] + classpath).join(File.pathSeparator), 'com.example.ecj.EclipseCheck'])
new File(basedir, 'target/ecj/run.log').text = javaOutput
assert javaExit == 0 : "the ECJ build failed its checks:\n${javaOutput}"
assert javaOutput.contains('all checks passed') : javaOutput
assert javaOutput.contains('fit: y = 2.0000 x + 1.0000') : javaOutput
true
