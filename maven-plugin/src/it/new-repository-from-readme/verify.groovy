def root = basedir
def read = { String p -> new File(root, p).getText('UTF-8') }
assert read('clusters/prod/infrastructure.yaml').contains('name: infra-controllers')
assert read('infrastructure/configs/prod/ceph-cluster/cephcluster-rook-ceph.yaml').contains('- name: prod-storage-4')
assert read('.gitops/generated.sha256').contains('  clusters/prod/apps.yaml')
def log = read('build.log')
assert log.contains('gitops: the tree in ') && log.contains(' is up to date with com.example.MySystem')
assert log.contains('0 errors')
return true
