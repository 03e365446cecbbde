def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('The definition it.Lab is not valid')
assert log.contains('clusters[lab].rook.blockPools[replicapool]: [ceph-pool-size-exceeds-hosts] CephBlockPool replicapool: size 3 with failure domain host needs 3 hosts with OSDs, the cluster has 2; add storage nodes or lower the size')
assert !new File(basedir, 'clusters').exists() // nothing written
return true
