def root = basedir
def read = { String p -> new File(root, p).getText('UTF-8') }
assert new File(root, 'clusters/lab/infrastructure.yaml').isFile()
assert read('infrastructure/controllers/lab/rook-ceph-operator/helmrelease-rook-ceph.yaml').contains('version: v1.20.6')
assert read('infrastructure/configs/lab/ceph-cluster/cephcluster-rook-ceph.yaml').contains('- name: lab-storage-3')
assert read('.gitops/generated.sha256').contains('  clusters/lab/apps.yaml')
// the hand-written file is untouched and not claimed by the generator
assert read('apps/extra/notes.yaml') == '# hand-written, not generated\nkind: Notes\n'
assert !read('.gitops/generated.sha256').contains('apps/extra/notes.yaml')
def log = read('build.log')
assert log.contains('created, 0 updated, 0 deleted')
assert log.contains('gitops: the tree in ') && log.contains(' is up to date with it.Lab')
return true
