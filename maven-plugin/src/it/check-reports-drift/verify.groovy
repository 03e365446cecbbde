def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('is not what it.Lab generates')
assert log.contains('clusters/lab/apps.yaml is missing')
assert log.contains('Run mvn gitops:generate')
assert !new File(basedir, 'clusters').exists() // check never writes
return true
