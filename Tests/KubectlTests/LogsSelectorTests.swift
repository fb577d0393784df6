// `kubectl logs -l SELECTOR`: the logs of every matching pod, 10 lines each unless --tail says
// otherwise, with `--prefix` naming the pod and container.
import KubeSim
import Kubectl
import Testing

@Suite struct LogsSelectorTests {
  static func cluster() -> (Cluster, KubectlRunner) {
    let cluster = Cluster(options: ClusterOptions())
    let kubectl = KubectlRunner(cluster: cluster)
    let manifest = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: counter}
      spec:
        replicas: 2
        selector: {matchLabels: {app: counter}}
        template:
          metadata: {labels: {app: counter}}
          spec:
            containers:
            - name: busybox
              image: busybox:1.36
              command: ["sh", "-c", "seq 1 12; sleep 3600"]
      """
    let r = kubectl.run(line: "apply -f -", stdin: manifest, workingDirectory: "/")
    #expect(r.exitCode == 0, "\(r.stderr)")
    for _ in 0..<20 { cluster.runTick() }
    return (cluster, kubectl)
  }

  @Test func everyMatchingPodGivesItsLastTenLinesInNameOrder() throws {
    let (_, kubectl) = Self.cluster()
    let names = kubectl.run(line: "get pods -l app=counter -o name", stdin: nil, workingDirectory: "/").stdout
      .split(separator: "\n").map { String($0.dropFirst("pod/".count)) }.sorted()
    #expect(names.count == 2)
    let r = kubectl.run(line: "logs -l app=counter --prefix", stdin: nil, workingDirectory: "/")
    #expect(r.exitCode == 0, "\(r.stderr)")
    let expected = names.flatMap { n in (3...12).map { "[pod/\(n)/busybox] \($0)\n" } }.joined()
    #expect(r.stdout == expected)
    let tail = kubectl.run(line: "logs --selector app=counter --tail=1", stdin: nil, workingDirectory: "/")
    #expect(tail.stdout == "12\n12\n")
  }

  @Test func aSelectorAndAPodNameTogetherAreRefusedAndNoMatchIsSaid() {
    let (_, kubectl) = Self.cluster()
    let both = kubectl.run(line: "logs counter -l app=counter", stdin: nil, workingDirectory: "/")
    #expect(both.exitCode == 1)
    #expect(
      both.stderr
        == "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n")
    let none = kubectl.run(line: "logs -l app=nope", stdin: nil, workingDirectory: "/")
    #expect(none.exitCode == 0)
    #expect(none.stdout == "")
    #expect(none.stderr == "No resources found in default namespace.\n")
  }
}
