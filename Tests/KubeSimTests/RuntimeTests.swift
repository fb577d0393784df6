// RuntimeTests: the container runtime on its own — images and pulls, sandboxes and IPs, the shell,
// the web servers, stress, perl, StopContainer's signals.
import Testing

@testable import KubeSim

/// A runtime with its own clock, driven tick by tick.
final class RuntimeHarness {
  let context = SimContext(clock: SimClock(start: Time.parse("2026-01-01T00:00:00Z")!), seed: 3)
  let runtime: ContainerRuntime
  let sandbox: String

  init(hostNetwork: Bool = false) {
    runtime = ContainerRuntime(nodeName: "node-1", context: context)
    runtime.updateRuntimeConfig(CRI.RuntimeConfig(podCIDR: "10.244.1.0/24", nodeIP: "192.168.56.11"))
    runtime.preload(["busybox", "nginx:1.14.2", "httpd", "polinux/stress", "vish/stress", "perl", "debian"])
    sandbox = try! runtime.runPodSandbox(
      CRI.PodSandboxConfig(
        metadata: CRI.PodSandboxMetadata(name: "web", uid: "uid-1", namespace: "default", attempt: 0), hostname: "web",
        labels: [:], annotations: [:], hostNetwork: hostNetwork, dnsPolicy: "ClusterFirst", logDirectory: ""))
  }

  /// Creates and starts a container.
  func start(
    _ image: String, command: [String] = [], args: [String] = [], env: [(String, String)] = [],
    memoryLimit: Int64 = 0, cpuLimit: Int64 = 0
  ) throws -> RuntimeContainer {
    let config = CRI.ContainerConfig(
      metadata: CRI.ContainerMetadata(name: "c", attempt: 0), image: CRI.ImageSpec(image), command: command, args: args,
      workingDir: "", envs: env.map { CRI.KeyValue($0.0, $0.1) }, labels: [:], annotations: [:], ports: [],
      resources: CRI.Resources(cpuLimitMilli: cpuLimit, memoryLimitBytes: memoryLimit), logPath: "", files: [])
    let id = try runtime.createContainer(sandbox, config)
    try runtime.startContainer(id)
    return runtime.container(id)!
  }

  func tick(_ n: Int = 1) {
    for _ in 0..<n {
      context.clock.beginTick()
      runtime.advance()
    }
  }

  func sh(_ c: RuntimeContainer, _ script: String) -> CRI.ExecSyncResponse {
    try! runtime.execSync(c.id, ["sh", "-c", script])
  }
}

struct RuntimeTests {
  @Test func livenessScriptTimeline() throws {
    let h = RuntimeHarness()
    let c = try h.start(
      "busybox", args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"])
    h.tick(29)
    #expect(try h.runtime.execSync(c.id, ["cat", "/tmp/healthy"]).exitCode == 0)
    h.tick(1)
    let failed = try h.runtime.execSync(c.id, ["cat", "/tmp/healthy"])
    #expect(failed.exitCode == 1)
    #expect(failed.stdout + failed.stderr == "cat: can't open '/tmp/healthy': No such file or directory\n")
    h.tick(599)
    #expect(c.state == .running)
    h.tick(1)
    #expect(c.state == .exited)
    #expect(c.exitCode == 0)
    #expect(c.reason == "Completed")
  }

  @Test(arguments: [
    ("echo hello; echo world", "hello\nworld\n", Int32(0)),
    ("false || echo fallback", "fallback\n", 0),
    ("true && echo yes; false && echo no", "yes\n", 1),
    ("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", 0),
    ("for x in a b c; do echo $x; done", "a\nb\nc\n", 0),
    ("if [ -f /nope ]; then echo yes; else echo no; fi", "no\n", 0),
    ("echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f", "hi\nthere\n", 0),
    ("exit 7", "", 7),
    ("echo \"$HOSTNAME is 'here'\"", "web is 'here'\n", 0),
    ("nosuchcmd", "sh: nosuchcmd: not found\n", 127),
    ("echo $(hostname)-$((2*21))", "web-42\n", 0),
    ("date", "Thu Jan  1 00:00:00 UTC 2026\n", 0),
    ("printenv GREETING", "hi there\n", 0),
    ("echo a b | wc -w", "2\n", 0),
    ("rm /tmp/none", "rm: can't remove '/tmp/none': No such file or directory\n", 1),
  ])
  func shellScripts(script: String, output: String, code: Int32) throws {
    let h = RuntimeHarness()
    let c = try h.start("busybox", command: ["sleep", "3600"], env: [("GREETING", "hi there")])
    let r = h.sh(c, script)
    #expect(r.stdout + r.stderr == output)
    #expect(r.exitCode == code)
  }

  @Test func loopsWriteTheLogOnTheClock() throws {
    let h = RuntimeHarness()
    let c = try h.start("busybox", command: ["sh", "-c", "while true; do echo tick; sleep 5; done"])
    h.tick(16)
    #expect(c.logText() == "tick\ntick\ntick\ntick\n")
    #expect(c.state == .running)
  }

  @Test func unknownCommandFailsToStart() throws {
    let h = RuntimeHarness()
    #expect(throws: CRI.RuntimeError.self) { _ = try h.start("busybox", command: ["python", "app.py"]) }
    let c = try #require(h.runtime.allContainers.first)
    #expect(c.reason == "StartError")
    #expect(c.exitCode == 128)
    #expect(c.message.contains("exec: \"python\": executable file not found in $PATH"))
  }

  @Test func nginxServesAndLogs() throws {
    let h = RuntimeHarness()
    let c = try h.start("nginx:1.14.2")
    let ip = h.runtime.podIPs[0]
    #expect(ip == "10.244.1.2")
    #expect(h.runtime.listens(ip: ip, port: 80))
    #expect(!h.runtime.listens(ip: ip, port: 8080))
    let r = try #require(
      h.runtime.serve(ip: ip, port: 80, path: "/", headers: ["User-Agent": "curl/8.5.0"], from: "10.244.2.7"))
    #expect(r.status == 200)
    #expect(r.body.utf8.count == 615)
    #expect(r.headers["Server"] == "nginx/1.14.2")
    #expect(
      c.logText()
        == "10.244.2.7 - - [01/Jan/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"\n")
    #expect(h.runtime.serve(ip: ip, port: 80, path: "/missing")?.status == 404)
    #expect(h.runtime.serve(ip: "10.244.1.99", port: 80, path: "/") == nil)
    // nginx stops at once on its stop signal (SIGQUIT).
    var stopped = false
    h.runtime.stopContainer(c.id, timeout: 30) { _ in stopped = true }
    #expect(stopped)
    #expect(c.exitCode == 0)
    #expect(c.reason == "Completed")
  }

  @Test func httpdSaysItWorks() throws {
    let h = RuntimeHarness()
    _ = try h.start("httpd")
    #expect(
      h.runtime.serve(ip: h.runtime.podIPs[0], port: 80, path: "/")?.body
        == "<html><body><h1>It works!</h1></body></html>\n")
  }

  @Test func sleepIgnoresSIGTERMUntilTheDeadline() throws {
    let h = RuntimeHarness()
    let c = try h.start("busybox", command: ["sleep", "3600"])
    var stopped = false
    h.runtime.stopContainer(c.id, timeout: 30) { _ in stopped = true }
    h.tick(29)
    #expect(!stopped)
    #expect(c.state == .running)
    h.tick(1)
    #expect(stopped)
    #expect(c.exitCode == 137)
    #expect(c.reason == "Error")
  }

  @Test func stressUsesWhatItAsksWithinLimits() throws {
    let h = RuntimeHarness()
    let cpu = try h.start("vish/stress", args: ["-cpus", "2"], cpuLimit: 1000)
    h.tick(2)
    let u = try #require(h.runtime.usage(containerID: cpu.id))
    #expect(u.cpuMilli == 975)
    let oom = try h.start(
      "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"],
      memoryLimit: 100 * 1024 * 1024)
    h.tick(1)
    #expect(oom.state == .exited)
    #expect(oom.exitCode == 137)
    #expect(oom.reason == "OOMKilled")
  }

  @Test func perlPrintsTwoThousandDigitsOfPi() throws {
    let h = RuntimeHarness()
    let c = try h.start("perl", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"])
    h.tick(4)
    #expect(c.state == .running)
    h.tick(1)
    #expect(c.state == .exited && c.exitCode == 0)
    let digits = c.logText()
    #expect(digits.count == 2002)
    #expect(digits.hasPrefix("3.141592653589793238462643383279502884197169399375105820974944592307816406286"))
    #expect(PiDigits.digits(30).map(String.init).joined() == "314159265358979323846264338327")
  }

  @Test func pullsTakeTimeBySizeAndMissingTagsFail() throws {
    let h = RuntimeHarness()
    #expect(abs(ContainerRuntime.pullSeconds(size: 44_412_346) - 1.88824692) < 1e-6)
    var result: Result<CRI.Image, CRI.RuntimeError>? = nil
    let seconds = h.runtime.pullImage(CRI.ImageSpec("nginx:1.25")) { result = $0 }
    #expect(seconds > 2.4 && seconds < 2.5)
    h.tick(2)
    #expect(result == nil)
    h.tick(1)
    #expect(h.runtime.imageStatus(CRI.ImageSpec("nginx:1.25")) != nil)
    var failure: CRI.RuntimeError? = nil
    h.runtime.pullImage(CRI.ImageSpec("nginx:nope")) { if case .failure(let e) = $0 { failure = e } }
    h.tick(1)
    #expect(
      failure?.description
        == "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:nope\": failed to resolve reference \"docker.io/library/nginx:nope\": docker.io/library/nginx:nope: not found"
    )
    // The Deployment docs' typo for a stuck rollout does not exist either.
    failure = nil
    h.runtime.pullImage(CRI.ImageSpec("nginx:1.161")) { if case .failure(let e) = $0 { failure = e } }
    h.tick(1)
    #expect(failure?.code == .notFound)
    h.runtime.markMissing("myorg/app:v2")
    failure = nil
    h.runtime.pullImage(CRI.ImageSpec("myorg/app:v2")) { if case .failure(let e) = $0 { failure = e } }
    h.tick(1)
    #expect(failure?.code == .notFound)
  }

  @Test(arguments: [
    ("nginx", "docker.io/library/nginx:latest"), ("k8s.gcr.io/busybox", "k8s.gcr.io/busybox:latest"),
    ("vish/stress", "docker.io/vish/stress:latest"), ("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"),
  ])
  func imageNamesNormalise(name: String, normalized: String) {
    #expect(ImageName(name).normalized == normalized)
  }

  @Test func hostNetworkSandboxesUseTheNodeIP() throws {
    let h = RuntimeHarness(hostNetwork: true)
    _ = try h.start("nginx:1.14.2")
    #expect(h.runtime.podIPs.isEmpty)
    #expect(h.runtime.listens(ip: "192.168.56.11", port: 80))
    #expect(h.runtime.listens(ip: "127.0.0.1", port: 80))
  }
}
