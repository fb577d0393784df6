// KubectlFidelityBatchTests: kubectl's wording, formats and refusals as a learner meets them in
// batch mode, each compared with real kubectl v1.32 and the upstream source.
import Foundation
import Testing

@Suite struct KubectlFidelityBatchTests {
  /// NamespaceLifecycle never lets `default`, `kube-system` or `kube-public` be deleted; the
  /// namespaces stay Active while the cluster runs on.
  @Test func theImmortalNamespacesCannotBeDeleted() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl delete ns default
        kubectl delete namespace kube-system kube-public
        run 30s
        kubectl get ns default kube-system kube-public --no-headers -o custom-columns=NAME:.metadata.name,PHASE:.status.phase
        """)
    #expect(r.status == 1)
    for ns in ["default", "kube-system", "kube-public"] {
      #expect(
        r.stderr.contains(
          "Error from server (Forbidden): namespaces \"\(ns)\" is forbidden: this namespace may not be deleted\n"),
        "\(r.stderr)")
    }
    #expect(r.stdout.contains("default       Active\nkube-system   Active\nkube-public   Active\n"), "\(r.stdout)")
  }

  /// Other namespaces are still deleted.
  @Test func anOrdinaryNamespaceIsStillDeleted() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl create ns dev\nkubectl delete ns dev\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("namespace \"dev\" deleted\n"))
  }
}
