// The build failed on the user's two errors in Broken.java, and gradgen said nothing. (A missing
// type would stop javac after annotation processing with that error alone, with any processor;
// the in-process tests cover that case.)
def log = new File(basedir, 'build.log').text
def errors = log.readLines().findAll { it.startsWith('[ERROR] /') }.unique()

assert errors.size() == 2 : "expected the two errors of Broken.java, got:\n" + errors.join('\n')
assert errors.every { it.contains('/com/example/app/Broken.java') } : errors.join('\n')
assert log.contains('incompatible types: java.lang.String cannot be converted to int')
assert log.contains('cannot find symbol')
// a diagnostic reads [gradgen/Code] ...; a bare gradgen/ also matches the checkout's own path
assert !log.contains('[gradgen/') : 'gradgen reported something:\n' + log
assert !log.contains('An exception has occurred in the compiler') : log
assert !log.contains('at io.gradgen.') : 'a gradgen stack trace in the build log:\n' + log
// gradgen still wrote the correct loss's classes in the failed compilation's processing round
assert new File(basedir, 'target/generated-sources/annotations/com/example/losses/SquaredErrorLoss.java').isFile()
true
