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

  /// `--sort-by` with a field no object has is an error (sorter.go), once there is something to sort.
  @Test func sortByAFieldNoObjectHasIsAnError() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create configmap a --from-literal=k=v
        kubectl get cm --sort-by=.foo
        kubectl get cm -o name --sort-by=.spec.bar
        """)
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: couldn't find any field with path \"{.foo}\" in the list of objects\n"))
    #expect(r.stderr.contains("error: couldn't find any field with path \"{.spec.bar}\" in the list of objects\n"))
    #expect(!r.stdout.contains("kube-root-ca.crt"), "\(r.stdout)")
  }

  /// A table of one row is not sorted, so a missing field is no error there.
  @Test func sortByOnOneRowPrintsTheRow() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl get cm --sort-by=.foo\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("kube-root-ca.crt"))
  }

  /// kubectl sorts text in natural order (`web-2` before `web-10`) and quantities by amount.
  @Test func sortByUsesNaturalOrderAndQuantities() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create configmap web-10 --from-literal=size=1Gi
        kubectl create configmap web-9 --from-literal=size=512Mi
        kubectl create configmap web-2 --from-literal=size=128Mi
        kubectl get cm --sort-by=.metadata.name -o name
        kubectl get cm --sort-by=.data.size -o custom-columns=NAME:.metadata.name,SIZE:.data.size
        """)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "configmap/kube-root-ca.crt\nconfigmap/web-2\nconfigmap/web-9\nconfigmap/web-10\n"), "\(r.stdout)")
    #expect(
      r.stdout.contains(
        """
        NAME               SIZE
        kube-root-ca.crt   <none>
        web-2              128Mi
        web-9              512Mi
        web-10             1Gi

        """), "\(r.stdout)")
  }
}
