def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('has findings at or above error')
assert log.contains('1 failed; 1 errors')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'report.sarif'))
assert sarif.version == '2.1.0'
def result = sarif.runs[0].results.find { it.ruleId == 'ceph-pool-size-exceeds-hosts' }
assert result.level == 'error'
assert result.locations[0].physicalLocation.artifactLocation.uri == 'infrastructure/pools.yaml'
assert result.locations[0].physicalLocation.region.startLine == 26
return true
