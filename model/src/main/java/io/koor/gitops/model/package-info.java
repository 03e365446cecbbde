/**
 * The typed description of a Kubernetes + Rook Ceph system: immutable records whose invariants
 * are checked when they are built, with messages that name the model path, the value and the fix.
 * No I/O and no Kubernetes or Maven types live here, so any tool can depend on it.
 */
package io.koor.gitops.model;
