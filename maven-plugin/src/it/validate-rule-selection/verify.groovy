def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'schema-only.json'))
assert report.violations.every { it.ruleId != 'ceph-pool-size-exceeds-hosts' }
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('gitops.disable=ceph-pool-size-exceed-hosts: no check has this id; did you mean ceph-pool-size-exceeds-hosts?')
return true
