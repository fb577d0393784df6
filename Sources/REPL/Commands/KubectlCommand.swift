// KubectlCommand: `kubectl …` (or `k …`) — the learner's kubectl against the simulated cluster.
import Foundation
import KubeSim
import Kubectl

struct KubectlCommand: REPLCommand {
  let name = "kubectl"
  let aliases = ["k"]
  let group = CommandGroup.cluster
  let summary = "Run kubectl against the cluster (answered at once; `kubectl help` for its commands)"
  let usage = """
    Usage: kubectl COMMAND [ARGS] [FLAGS]      (alias: k)

    kubectl as in Kubernetes v1.32: get, describe, apply, create, run, delete, scale, rollout,
    set image, expose, label, annotate, taint, cordon, uncordon, drain, logs, exec, top, auth can-i …
    The learner's kubectl is answered at once (kubectl waits for its response); the watch events
    its writes cause reach the components in the next dispatch phase.
    `--as USER` acts as another user (RBAC applies). `-f -` reads a heredoc:

      kubectl apply -f - <<EOF
      apiVersion: v1
      kind: Pod
      ...
      EOF

    Manifests from the Kubernetes docs can be given by URL (https://k8s.io/examples/…) when the
    example is bundled with KubeLab (see examples/).

    Examples:
      kubectl get pods -o wide
      kubectl apply -f examples/k8s.io/controllers/nginx-deployment.yaml
      kubectl describe node node-1
      kubectl auth can-i list pods --as alice
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let runner = session.kubectlRunner
    let result = runner.run(args, stdin: input, workingDirectory: session.options.workingDirectory)
    // Both streams in the order kubectl wrote them (warnings before the result they go with).
    for chunk in result.chunks {
      if chunk.isError { out.error(chunk.text) } else { out.write(chunk.text) }
    }
    return result.exitCode == 0
  }

  func complete(_ args: [String], session: Session) -> [String] {
    KubectlCompletion.complete(args, session: session)
  }
}

extension Session {
  /// Makes a kubectl runner bound to the current cluster.
  func makeKubectlRunner() -> KubectlRunner {
    let runner = KubectlRunner(cluster: cluster)
    let cluster = self.cluster
    runner.usageSummary = { node in
      guard let s = cluster.statsSummary(node: node) else { return nil }
      return UsageSummary(
        nodeName: s.nodeName, nodeMilliCPU: s.cpuMilli, nodeMemoryBytes: s.memoryBytes,
        pods: s.pods.map { p in
          UsageSummary.PodUsage(
            namespace: p.namespace, name: p.name,
            containers: p.containers.map {
              UsageSummary.ContainerUsage(name: $0.name, milliCPU: $0.cpuMilli, memoryBytes: $0.memoryBytes)
            })
        })
    }
    runner.fetchURL = { url in BundledExamples.text(forURL: url, workingDirectory: self.options.workingDirectory) }
    return runner
  }
}

/// The Kubernetes documentation's example manifests bundled in `examples/k8s.io/`, so
/// `kubectl apply -f https://k8s.io/examples/…` works offline as in the docs.
enum BundledExamples {
  static let prefixes = [
    "https://k8s.io/examples/", "http://k8s.io/examples/", "https://kubernetes.io/examples/",
    "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/",
  ]

  static func text(forURL url: String, workingDirectory: String) -> String? {
    guard let prefix = prefixes.first(where: { url.hasPrefix($0) }) else { return nil }
    let relative = String(url.dropFirst(prefix.count))
    for root in roots(workingDirectory: workingDirectory) {
      if let t = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) { return t }
    }
    return nil
  }

  /// `examples/k8s.io` next to the executable's checkout, or under the working directory.
  static func roots(workingDirectory: String) -> [String] {
    var dirs: [String] = []
    if let env = ProcessInfo.processInfo.environment["KUBELAB_EXAMPLES"], !env.isEmpty { dirs.append(env) }
    var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    for _ in 0..<5 {
      url.deleteLastPathComponent()
      dirs.append(url.path + "/examples/k8s.io")
    }
    dirs.append(workingDirectory + "/examples/k8s.io")
    return dirs
  }
}
