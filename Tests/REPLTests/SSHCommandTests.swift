// SSHCommandTests: what `ssh NODE …` shows of a node — crictl's columns and systemd units.
import Foundation
import KubelabTestSupport
import Testing

struct SSHCommandTests {
  /// crictl's IMAGE column is the image ID (as in `crictl images`), not a cut-off image name.
  @Test func crictlPsShowsTheImageID() throws {
    let r = try KubelabProcess.run([], stdin: "ssh node-1 crictl ps\nssh node-1 crictl images\n")
    #expect(r.status == 0, "\(r.stderr)")
    let proxyLine = r.stdout.split(separator: "\n").first { $0.contains("kube-proxy-") }
    let imageLine = r.stdout.split(separator: "\n").first { $0.hasPrefix("registry.k8s.io/kube-proxy") }
    let imageID = imageLine.map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
    #expect(imageID != nil)
    #expect(proxyLine?.split(separator: " ", omittingEmptySubsequences: true)[1] == imageID)
  }

  @Test func systemctlKnowsTheKubeletAndContainerd() throws {
    let r = try KubelabProcess.run(
      [], stdin: "ssh node-1 systemctl status containerd\nnode stop node-1\nssh node-1 systemctl status kubelet\n")
    #expect(r.stdout.contains("● containerd.service - containerd container runtime\n"))
    #expect(r.stdout.contains("● kubelet.service - kubelet: The Kubernetes Node Agent\n"))
    #expect(r.stdout.contains("     Active: inactive (dead)\n"))
    let missing = try KubelabProcess.run([], stdin: "ssh node-1 systemctl status docker\n")
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("Unit docker.service could not be found."))
  }
}
