// Beyond the sample's own tests (which ran in the build): gradgen reported nothing, and it wrote
// one forward and one backward class per loss, main and test sources alike.
def log = new File(basedir, 'build.log').text
// a diagnostic reads [gradgen/Code] ...; a bare gradgen/ also matches the checkout's own path
assert !log.contains('[gradgen/') : 'gradgen reported something:\n' + log

def generated = { String root -> 
    def dir = new File(basedir, root)
    def names = []
    dir.eachFileRecurse(groovy.io.FileType.FILES) { names << (dir.toPath().relativize(it.toPath()).toString()) }
    names.sort()
}
assert generated('target/generated-sources/annotations') == [
        'com/example/losses/regression/CustomLoss.java',
        'com/example/losses/regression/CustomLossBackward.java',
        'com/example/losses/regression/HuberLoss.java',
        'com/example/losses/regression/HuberLossBackward.java',
        'com/example/losses/robust/LogCoshLoss.java',
        'com/example/losses/robust/LogCoshLossBackward.java',
        'com/example/losses/robust/Welsch.java',
        'com/example/losses/robust/WelschBackward.java',
]
assert generated('target/generated-test-sources/test-annotations') == [
        'com/example/losses/SoftL1Loss.java',
        'com/example/losses/SoftL1LossBackward.java',
]
true
