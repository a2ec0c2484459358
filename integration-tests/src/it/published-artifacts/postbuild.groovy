// What gradgen publishes, as built by this reactor: every module's jars, and the poms installed.
import java.lang.module.ModuleFinder
import java.util.jar.JarFile

def root = reactorRoot as File
def repo = localRepositoryPath as File
def licence = new File(root, 'LICENSE').text
def notice = new File(root, 'NOTICE').text
assert licence.contains('Apache License') && licence.contains('END OF TERMS AND CONDITIONS')
assert notice.contains('JavaPoet') && notice.contains('Copyright (C) 2015 Square, Inc.')

def jarOf = { String module, String artifact, String classifier ->
    def file = new File(root, "${module}/target/${artifact}-${projectVersion}${classifier ? '-' + classifier : ''}.jar")
    assert file.isFile() : "missing ${file}"
    file
}
def entries = { File jar -> new JarFile(jar).withCloseable { j -> j.entries().collect { it.name } } }
def text = { File jar, String entry -> new JarFile(jar).withCloseable { j -> j.getInputStream(j.getEntry(entry)).text } }
def moduleOf = { File jar -> ModuleFinder.of(jar.toPath()).findAll().iterator().next().descriptor() }

// published modules: a real module-info where the sources allow one, the processor a stable automatic name
def published = [
        [module: 'annotations', artifact: 'gradgen-annotations', name: 'io.gradgen.annotations', automatic: false],
        [module: 'runtime', artifact: 'gradgen-runtime', name: 'io.gradgen.runtime', automatic: false],
        [module: 'processor', artifact: 'gradgen-processor', name: 'io.gradgen.processor', automatic: true],
        [module: 'losses', artifact: 'gradgen-losses', name: 'io.gradgen.losses', automatic: false],
]
// the integrations of the ml profile (built with -Pml): automatic names, since XGBoost4J's and Spark's
// jars have none a module-info could require
def integrations = [
        [module: 'xgboost', artifact: 'gradgen-xgboost', name: 'io.gradgen.xgboost', automatic: true],
        [module: 'spark', artifact: 'gradgen-spark', name: 'io.gradgen.spark', automatic: true],
]
(mlModules.toBoolean() ? published + integrations : published).each { p ->
    def main = jarOf(p.module, p.artifact, null)
    def descriptor = moduleOf(main)
    assert descriptor.name() == p.name : "${main.name}: module ${descriptor.name()}"
    assert descriptor.isAutomatic() == p.automatic : "${main.name}: automatic=${descriptor.isAutomatic()}"
    ['', 'sources', 'javadoc'].each { classifier ->
        def jar = jarOf(p.module, p.artifact, classifier)
        assert text(jar, 'META-INF/LICENSE') == licence : "${jar.name}: META-INF/LICENSE"
        assert text(jar, 'META-INF/NOTICE') == notice : "${jar.name}: META-INF/NOTICE"
    }
    assert entries(jarOf(p.module, p.artifact, 'javadoc')).contains('index.html')
    if (!p.automatic) {
        assert entries(jarOf(p.module, p.artifact, 'sources')).contains('module-info.java')
    }
}
def runtime = moduleOf(jarOf('runtime', 'gradgen-runtime', null))
assert runtime.requires().find { it.name() == 'io.gradgen.annotations' }.modifiers()*.toString().contains('TRANSITIVE')
assert runtime.exports()*.source().toSet() == ['io.gradgen', 'io.gradgen.autograd', 'io.gradgen.io', 'io.gradgen.kernels', 'io.gradgen.nn',
         'io.gradgen.optim', 'io.gradgen.train'].toSet()

// the processor jar: JavaPoet relocated, the annotations' classes (not their module-info), the registration
def processor = entries(jarOf('processor', 'gradgen-processor', null))
assert processor.contains('io/gradgen/processor/shaded/javapoet/JavaFile.class')
assert processor.contains('io/gradgen/annotations/Loss.class')
assert !processor.any { it.startsWith('com/palantir/') }
assert !processor.contains('module-info.class')
assert text(jarOf('processor', 'gradgen-processor', null), 'META-INF/services/javax.annotation.processing.Processor').trim() ==
        'io.gradgen.processor.GradgenProcessor'

// the unpublished jars still have stable names
['examples': 'io.gradgen.examples', 'examples-kotlin': 'io.gradgen.examples.kotlin',
 'benchmarks': 'io.gradgen.benchmarks'].each { module, name ->
    assert moduleOf(jarOf(module, "gradgen-${module}", null)).name() == name
}

// pom metadata: the parent carries it for every module, the BOM (no parent) its own copy
def pom = { String artifact -> new File(repo, "io/gradgen/${artifact}/${projectVersion}/${artifact}-${projectVersion}.pom").text }
['gradgen-parent', 'gradgen-bom'].each { artifact ->
    def xml = pom(artifact)
    ['<url>https://github.com/gradgen/gradgen</url>', '<name>Apache-2.0</name>',
     '<connection>scm:git:https://github.com/gradgen/gradgen.git</connection>',
     '<url>https://github.com/gradgen/gradgen/issues</url>', '<name>The gradgen authors</name>'].each {
        assert xml.contains(it) : "${artifact}.pom lacks ${it}"
    }
}
def bom = pom('gradgen-bom')
(published + integrations).each { assert bom.contains("<artifactId>${it.artifact}</artifactId>") : "the BOM lacks ${it.artifact}" }
assert !bom.contains('<parent>') : 'the BOM must not inherit the parent (it would manage test libraries too)'
true
