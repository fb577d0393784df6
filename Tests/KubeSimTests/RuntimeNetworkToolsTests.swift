// RuntimeNetworkToolsTests: wget, curl and nslookup run with `kubectl exec` in pods of a whole
// cluster — through CoreDNS and kube-proxy's rules to an nginx pod — and print what they print.
import Testing

@testable import KubeSim

/// One cluster for the tools: an nginx pod behind Service `web`, and client pods of several images.
final class NetworkToolsLab {
  let h = KubeletHarness(workers: 2)
  var serviceIP = ""

  init() throws {
    var web = KubeletHarness.pod(
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels:
          app: web
      spec:
        containers:
        - name: nginx
          image: nginx:1.14.2
          ports:
          - containerPort: 80
      """)
    web.metadata.namespace = "default"
    h.run(web, on: "node-2")
    var svc = Service(metadata: ObjectMeta(name: "web", namespace: "default"))
    svc.spec.selector = ["app": "web"]
    svc.spec.ports = [ServicePort(port: 80, targetPort: .int(80))]
    guard
      case .success(.object(let o)) = h.cluster.kubectl.perform(
        APIRequest(.create, Service.resource, namespace: "default", body: .object(svc))), let created = o as? Service
    else { throw LabError() }
    serviceIP = created.spec.clusterIP
    for (name, image) in [
      ("client", "busybox"), ("old", "busybox:1.28"), ("curl", "curlimages/curl"),
      ("dnsutils", "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"),
    ] {
      var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
      var c = Container(name: name, image: image)
      c.command = ["sleep", "3600"]
      p.spec.containers = [c]
      h.run(p, on: "node-1")
    }
    try #require(
      h.until {
        ["web", "client", "old", "curl", "dnsutils"].allSatisfy { h.get($0)?.isReady == true }
      } != nil)
    h.ticks(3)  // endpoints, then kube-proxy's rules
  }

  struct LabError: Error {}

  /// `kubectl exec POD -- ARGV`: what the terminal shows (stdout and stderr) and the exit status.
  func exec(_ pod: String, _ argv: String...) -> (output: String, status: Int32) {
    switch h.exec(pod, argv) {
    case .success(let out): return (out, 0)
    case .failure(let e):
      guard e.reason == "NonZeroExitCode", case .string(let out)? = e.details?["output"],
        case .string(let code)? = e.details?["causes"]?[0]?["message"]
      else { return ("error: " + e.message, -1) }
      return (out, Int32(code) ?? -1)
    }
  }

  /// nginx's index.html.
  var page: String { WebServer.nginxWelcome }
}

struct RuntimeNetworkToolsTests {
  @Test func busyboxWgetThroughTheService() throws {
    let lab = try NetworkToolsLab()
    let quiet = lab.exec("client", "wget", "-qO-", "web")
    #expect(quiet.status == 0)
    #expect(quiet.output == lab.page)
    let size = lab.page.utf8.count
    let loud = lab.exec("client", "wget", "-O-", "http://web")
    #expect(
      loud.output
        == "Connecting to web (\(lab.serviceIP):80)\nwriting to stdout\n" + lab.page
        + "-                    100% |*******************************|   \(size)   0:00:00 ETA\nwritten to stdout\n")
    // Saved to index.html; a second run refuses to overwrite it (busybox opens with O_EXCL).
    let saved = lab.exec("client", "wget", "web")
    #expect(saved.status == 0)
    #expect(
      saved.output
        == "Connecting to web (\(lab.serviceIP):80)\nsaving to 'index.html'\n"
        + "index.html           100% |*******************************|   \(size)   0:00:00 ETA\n'index.html' saved\n")
    #expect(lab.exec("client", "cat", "index.html").output == lab.page)
    let again = lab.exec("client", "wget", "web")
    #expect(again.status == 1)
    #expect(again.output == "Connecting to web (\(lab.serviceIP):80)\nwget: can't open 'index.html': File exists\n")
  }

  @Test func busyboxWgetErrors() throws {
    let lab = try NetworkToolsLab()
    let unknown = lab.exec("client", "wget", "-qO-", "nosuch")
    #expect(unknown.status == 1 && unknown.output == "wget: bad address 'nosuch'\n")
    let missing = lab.exec("client", "wget", "-O-", "web/nope")
    #expect(missing.status == 1)
    #expect(
      missing.output
        == "Connecting to web (\(lab.serviceIP):80)\nwget: server returned error: HTTP/1.1 404 Not Found\n")
    // Nothing listens on the pod's port 8080: refused, reported for the address wget dialed.
    let podIP = lab.h.get("web")!.status.podIP
    let refused = lab.exec("client", "wget", "-qO-", "\(podIP):8080")
    #expect(refused.status == 1)
    #expect(refused.output == "wget: can't connect to remote host (\(podIP)): Connection refused\n")
    // busybox has no curl.
    let curl = lab.exec("client", "sh", "-c", "curl web")
    #expect(curl.status == 127 && curl.output == "sh: curl: not found\n")
    if case .failure(let e) = lab.h.exec("client", ["curl", "web"]) {
      #expect(e.message.contains("exec: \"curl\": executable file not found in $PATH: unknown"))
    } else {
      Issue.record("exec curl in busybox should fail")
    }
  }

  @Test func curlPrintsThePageAndItsMeter() throws {
    let lab = try NetworkToolsLab()
    let silent = lab.exec("curl", "curl", "-s", "web")
    #expect(silent.status == 0 && silent.output == lab.page)
    let size = lab.page.utf8.count
    let speed = Curl.max5(size * 1000)
    let meter = lab.exec("curl", "curl", "web")
    #expect(
      meter.output
        == Curl.meterHeader
        + "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0" + lab.page
        + "100   \(size)  100   \(size)    0     0  \(speed)      0 --:--:-- --:--:-- --:--:-- \(speed)\n")
    let code = lab.exec("curl", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "web/nope")
    #expect(code.output == "404")
    let failed = lab.exec("curl", "curl", "-sf", "web/nope")
    #expect(failed.status == 22 && failed.output == "")
    let shown = lab.exec("curl", "curl", "-fsS", "web/nope")
    #expect(shown.output == "curl: (22) The requested URL returned error: 404\n")
  }

  @Test func curlErrorsFollowTheMeter() throws {
    let lab = try NetworkToolsLab()
    let unknown = lab.exec("curl", "curl", "nosuch")
    #expect(unknown.status == 6)
    #expect(
      unknown.output
        == Curl.meterHeader
        + "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (6) Could not resolve host: nosuch\n"
    )
    let podIP = lab.h.get("web")!.status.podIP
    let refused = lab.exec("curl", "curl", "-sS", "http://\(podIP):8080/")
    #expect(refused.status == 7)
    #expect(refused.output == "curl: (7) Failed to connect to \(podIP) port 8080 after 0 ms: Connection refused\n")
    // The Service has no port 81: nothing routes the ClusterIP, the SYNs are lost.
    let lost = lab.exec("curl", "curl", "web:81")
    #expect(lost.status == 28)
    #expect(
      lost.output
        == Curl.meterHeader
        + "  0     0    0     0    0     0      0      0 --:--:--  0:02:10 --:--:--     0curl: (28) Failed to connect to web port 81 after 130000 ms: Connection timed out\n"
    )
  }

  @Test func nslookupAsEachImagePrintsIt() throws {
    let lab = try NetworkToolsLab()
    let busybox = lab.exec("client", "nslookup", "web")
    #expect(busybox.status == 0)
    #expect(
      busybox.output
        == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: \(lab.serviceIP)\n\n"
    )
    let bind = lab.exec("dnsutils", "nslookup", "web")
    #expect(
      bind.output
        == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: \(lab.serviceIP)\n\n"
    )
    let missing = lab.exec("dnsutils", "nslookup", "nosuch")
    #expect(missing.status == 1)
    #expect(
      missing.output == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nosuch: NXDOMAIN\n\n")
    // The curl image is alpine: busybox's nslookup.
    #expect(lab.exec("curl", "nslookup", "web").output.contains("Address:\t10.96.0.10:53\n"))
  }

  /// busybox 1.28, as in Kubernetes' "Debugging DNS Resolution": the libc resolver's answer with
  /// each address's reverse name.
  @Test func busybox128NslookupAsTheDNSDebuggingGuideShowsIt() throws {
    let lab = try NetworkToolsLab()
    let found = lab.exec("old", "nslookup", "kubernetes.default")
    #expect(found.status == 0)
    #expect(
      found.output == """
        Server:    10.96.0.10
        Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

        Name:      kubernetes.default
        Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local

        """)
    let missing = lab.exec("old", "nslookup", "nosuch")
    #expect(missing.status == 1)
    #expect(
      missing.output == """
        Server:    10.96.0.10
        Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

        nslookup: can't resolve 'nosuch'

        """)
  }
}
