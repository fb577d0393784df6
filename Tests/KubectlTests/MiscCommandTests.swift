// Reads of components and the client: logs, exec, top, version, api-resources, config, help,
// completion helpers, and the flag syntax.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct MiscCommandTests {
  /// logs and exec are answered by the pod's kubelet (through the apiserver), so they need the real cluster.
  @Test func logsAndExecGoThroughThePodSubresources() {
    let lab = LiveLab()
    lab.run("run web --image=nginx:1.25")
    lab.run(#"run talker --image=busybox -- sh -c "for i in 1 2 3; do echo line $i; done; sleep 3600""#)
    #expect(
      lab.wait(atMost: 30) { lab.get(Pod.self, "web")?.isReady == true && lab.get(Pod.self, "talker")?.isReady == true }
        != nil)
    let logs = lab.run("logs web --tail=5")
    #expect(logs.exitCode == 0)
    #expect(logs.stdout.split(separator: "\n").count == 5)
    #expect(logs.stdout.hasSuffix(" [notice] 1#1: start worker process 29\n"))
    #expect(lab.cluster.context.log.recent.contains { $0.verb == "GET" && $0.object == "pods/web/log" })
    #expect(lab.run("logs talker").stdout == "line 1\nline 2\nline 3\n")
    #expect(lab.run("logs talker --tail=2").stdout == "line 2\nline 3\n")
    let exec = lab.run("exec web -- cat /etc/hostname")
    #expect(exec.exitCode == 0)
    #expect(exec.stdout == "web\n")
    #expect(lab.cluster.context.log.recent.contains { $0.verb == "POST" && $0.object == "pods/web/exec" })
    #expect(
      lab.run("exec web ls").stderr
        == "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"
    )
    #expect(lab.run("logs nope").stderr == "Error from server (NotFound): pods \"nope\" not found\n")
    #expect(lab.run("logs -f web").exitCode == 1)
  }

  @Test func topReadsTheKubeletSummarySeam() {
    let lab = Lab()
    lab.addNode("node-1", ip: "192.168.56.11")
    #expect(lab.run("top nodes").stderr == "error: Metrics API not available\n")
    lab.kubectl.usageSummary = { node in
      UsageSummary(
        nodeName: node, nodeMilliCPU: 250, nodeMemoryBytes: 1024 * 1024 * 1024,
        pods: [
          UsageSummary.PodUsage(
            namespace: "default", name: "web",
            containers: [.init(name: "nginx", milliCPU: 1, memoryBytes: 3 * 1024 * 1024)])
        ])
    }
    expectText(
      lab.run("top nodes").stdout,
      """
      NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   
      node-1   250m         6%       1024Mi          12%         

      """)
    expectText(
      lab.run("top pods").stdout,
      """
      NAME   CPU(cores)   MEMORY(bytes)   
      web    1m           3Mi             

      """)
  }

  @Test func versionApiResourcesAndConfig() {
    let lab = Lab()
    #expect(
      lab.run("version").stdout == "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n")
    #expect(lab.run("version --client").stdout == "Client Version: v1.32.0\nKustomize Version: v5.5.0\n")
    let res = lab.run("api-resources").stdout
    #expect(
      res.hasPrefix("NAME                  SHORTNAMES   APIVERSION                     NAMESPACED   KIND\nbindings "))
    #expect(
      res.contains("\ndeployments           deploy       apps/v1                        true         Deployment\n"))
    #expect(lab.run("api-resources --namespaced=false -o name").stdout.hasPrefix("namespaces\nnodes\n"))
    #expect(lab.run("config current-context").stdout == "kubernetes-admin@kubernetes\n")
    #expect(
      lab.run("config set-context --current --namespace=kube-system").stdout
        == "Context \"kubernetes-admin@kubernetes\" modified.\n")
    #expect(lab.run("get svc -o name").stdout == "service/kube-dns\n")
    expectText(
      lab.run("config get-contexts").stdout,
      """
      CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE
      *         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-system

      """)
    #expect(lab.run("config view").stdout.contains("    namespace: kube-system\n"))
    #expect(lab.run("explain pods").stderr.hasPrefix("error: \"kubectl explain\" is out of scope in KubeLab"))
    #expect(
      lab.run("port-forward pod/web 8080:80").stderr.hasPrefix(
        "error: \"kubectl port-forward\" is not available in KubeLab"))
    #expect(lab.run("get pods -w").stderr.hasPrefix("error: KubeLab's kubectl does not stream"))
    #expect(
      lab.run("get pods --raw=/api").stderr
        == "error: KubeLab's kubectl does not support the --raw flag of \"kubectl get\"\n")
  }

  @Test func helpIsTheRealKubectlsHelp() {
    let lab = Lab()
    let root = lab.run("help").stdout
    #expect(root.hasPrefix("kubectl controls the Kubernetes cluster manager.\n"))
    #expect(lab.run("--help").stdout == root)
    // kubectl with no command prints the same help on stdout and succeeds.
    let bare = lab.run("")
    #expect(bare.stdout == root && bare.stderr.isEmpty && bare.exitCode == 0)
    #expect(lab.run("get --help").stdout.hasPrefix("Display one or many resources."))
    #expect(lab.run("rollout status -h").stdout.hasPrefix("Show the status of the rollout."))
  }

  @Test func completionHelpers() {
    let lab = Lab()
    #expect(KubectlRunner.commands.contains("get") && KubectlRunner.commands.contains("rollout"))
    #expect(KubectlRunner.subcommands(of: "rollout") == ["history", "pause", "restart", "resume", "status", "undo"])
    #expect(KubectlRunner.aliases(of: "create namespace") == ["ns"])
    let flags = KubectlRunner.flags(for: "get")
    #expect(flags.contains("--output") && flags.contains("-o") && flags.contains("--namespace") && flags.contains("-A"))
    #expect(KubectlRunner.flagTakesValue("-n", for: "get"))
    #expect(!KubectlRunner.flagTakesValue("-A", for: "get"))
    for name in ["po", "pods", "deploy", "deployment.apps", "svc", "all", "rs", "ns"] {
      #expect(KubectlRunner.resourceTypeNames.contains(name))
    }
    lab.run("create deployment web --image=nginx")
    #expect(lab.kubectl.objectNames(ofType: "deploy") == ["web"])
    #expect(lab.kubectl.objectNames(ofType: "ns") == ["default", "kube-node-lease", "kube-public", "kube-system"])
    #expect(lab.kubectl.objectNames(ofType: "widgets").isEmpty)
  }

  @Test(arguments: [
    ("get pods -n kube-system", ["pods"], "kube-system"),
    ("get pods --namespace=kube-system", ["pods"], "kube-system"),
    ("-n kube-system get pods", ["pods"], "kube-system"),
    ("get -nkube-system pods", ["pods"], "kube-system"),
    ("get pods -n=kube-system", ["pods"], "kube-system"),
  ])
  func flagSyntax(line: String, args: [String], namespace: String) throws {
    let lab = Lab()
    let r = lab.run(line)
    #expect(r.exitCode == 0)
    #expect(r.stderr == "No resources found in \(namespace) namespace.\n")
  }

  @Test func shellWords() {
    #expect(
      ShellWords.split(#"get pods -o jsonpath='{.items[*]}' "a b" c\ d"#) == [
        "get", "pods", "-o", "jsonpath={.items[*]}", "a b", "c d",
      ])
  }

  @Test func pflagParsing() throws {
    let p = FlagParser(flags: [
      FlagSpec(name: "namespace", shorthand: "n", kind: .string), FlagSpec(name: "stdin", shorthand: "i", kind: .bool),
      FlagSpec(name: "tty", shorthand: "t", kind: .bool), FlagSpec(name: "replicas", kind: .int),
      FlagSpec(name: "cascade", kind: .string, noOptDefault: "background"),
    ])
    let f = try p.parse(["-it", "web", "--replicas", "3", "--cascade", "-n", "dev", "--", "sh", "-c", "ls"])
    #expect(f.bool("stdin") && f.bool("tty"))
    #expect(f.int("replicas") == 3)
    #expect(f.string("cascade") == "background")
    #expect(f.string("namespace") == "dev")
    #expect(f.args == ["web", "sh", "-c", "ls"])
    #expect(f.argsLenAtDash == 1)
    #expect(throws: KubectlError.usage("unknown flag: --nope")) { try p.parse(["--nope"]) }
    #expect(throws: KubectlError.usage("flag needs an argument: --namespace")) { try p.parse(["--namespace"]) }
  }

  @Test func tabWriterAlignsColumnBlocks() {
    #expect(TabWriter.table.format("A\tBB\tC\nlonger\tx\ty\n") == "A        BB    C\nlonger   x     y\n")
    #expect(
      TabWriter.describe.format("Name:\tx\nLonger name:\ty\nBlock\nA:\tb\n")
        == "Name:         x\nLonger name:  y\nBlock\nA:  b\n")
  }
}

@Suite struct ExecExitCodeTests {
  /// `kubectl exec` prints what a failing command printed, then `command terminated with exit code N`,
  /// and exits with the command's code (as the real kubectl does).
  @Test func execPrintsTheOutputOfAFailingCommandAndItsExitCode() {
    let cluster = Cluster(options: ClusterOptions())
    let kubectl = KubectlRunner(cluster: cluster)
    #expect(
      kubectl.run(line: "run client --image=busybox -- sleep 3600", stdin: nil, workingDirectory: "/").exitCode == 0)
    for _ in 0..<15 { cluster.runTick() }
    let r = kubectl.run(line: "exec client -- sh -c 'echo partial; exit 3'", stdin: nil, workingDirectory: "/")
    #expect(r.stdout == "partial\n")
    #expect(r.stderr == "command terminated with exit code 3\n")
    #expect(r.exitCode == 3)
    let ok = kubectl.run(line: "exec client -- echo fine", stdin: nil, workingDirectory: "/")
    #expect(ok.stdout == "fine\n" && ok.exitCode == 0)
  }
}
