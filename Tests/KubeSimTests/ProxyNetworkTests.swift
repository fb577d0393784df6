import Testing

@testable import KubeSim

/// Requests from pods through DNS, kube-proxy's rules and the answering container.
struct ProxyNetworkTests {
  /// `web` (10.96.0.20:80 → 8080) with three ready pods on two nodes and one not ready.
  static func lab(seed: UInt64 = 7) -> ProxyLab {
    let lab = ProxyLab(seed: seed)
    lab.dnsEndpoints()
    lab.service(
      "web", clusterIP: "10.96.0.20",
      ports: [ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: .int(8080))])
    lab.slice(
      "web-abcde", service: "web",
      endpoints: [
        .init(ip: "10.244.1.5", node: "node-1"), .init(ip: "10.244.1.6", node: "node-1"),
        .init(ip: "10.244.2.5", node: "node-2"), .init(ip: "10.244.2.6", node: "node-2", ready: false),
      ], ports: [EndpointSlicePort(name: "http", protocol: "TCP", port: 8080)])
    for (ip, node) in [
      ("10.244.1.5", "node-1"), ("10.244.1.6", "node-1"), ("10.244.2.5", "node-2"), ("10.244.2.6", "node-2"),
    ] {
      lab.pod(ip, on: node, port: 8080, name: "web@\(ip)")
    }
    lab.ticks()
    return lab
  }

  static let client = NetworkSource(ip: "10.244.1.20", node: "node-1", namespace: "default")

  @Test func tracedRequestToAService() {
    let lab = Self.lab()
    let trace = lab.cluster.network.httpGet("http://web/", from: Self.client)
    #expect(trace.error == nil)
    #expect(trace.response?.status == 200)
    let rules = trace.hops.filter { $0.kind == "iptables" }.map(\.text)
    let svc = ChainNames.clusterPolicy("default/web:http", "tcp")
    // The DNS query's rules first, then the request's own.
    #expect(rules.contains("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"))
    #expect(
      rules.contains(
        "-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j \(svc)"
      ))
    let dnat = rules.last!
    #expect(dnat.contains("-j DNAT --to-destination 10.244."))
    let body = trace.response!.body
    let ip = String(body.dropFirst("web@".count).dropLast())
    #expect(dnat.hasSuffix("--to-destination \(ip):8080"))
    #expect(trace.hops.last?.kind == "container")
    #expect(
      trace.hops.contains { $0.kind == "dns" && $0.text.hasSuffix("web.default.svc.cluster.local A → 10.96.0.20") })
  }

  @Test func requestsReachOnlyReadyEndpointsRoughlyUniformly() {
    let counts = Self.distribution(seed: 7)
    #expect(Set(counts.keys) == ["web@10.244.1.5\n", "web@10.244.1.6\n", "web@10.244.2.5\n"])
    for (_, n) in counts { #expect((70...130).contains(n), "\(counts)") }
    // The same seed gives the same choices.
    #expect(Self.distribution(seed: 7) == counts)
    #expect(Self.distribution(seed: 8) != counts)
  }

  static func distribution(seed: UInt64) -> [String: Int] {
    let lab = Self.lab(seed: seed)
    var counts: [String: Int] = [:]
    for _ in 0..<300 {
      let t = lab.cluster.network.httpGet("http://10.96.0.20/", from: Self.client)
      counts[t.response?.body ?? t.error ?? "?", default: 0] += 1
    }
    return counts
  }

  @Test func sessionAffinityKeepsAClientOnOneEndpoint() {
    let lab = Self.lab()
    var svc = lab.get(Service.self, "default", "web")!
    svc.spec.sessionAffinity = "ClientIP"
    lab.update(svc)
    lab.ticks(2)
    let first = lab.cluster.network.httpGet("http://10.96.0.20/", from: Self.client).response?.body
    for _ in 0..<20 {
      #expect(lab.cluster.network.httpGet("http://10.96.0.20/", from: Self.client).response?.body == first)
    }
    let sep = lab.cluster.network.httpGet("http://10.96.0.20/", from: Self.client).hops.map(\.text)
    #expect(sep.contains { $0.contains("-m recent --rcheck --seconds 10800 --reap") })
  }

  /// The trace carries the bare reason (the PodNetwork contract); curl's line is rebuilt from it and the URL.
  @Test(arguments: [
    ("http://nosuch/", "Could not resolve host: nosuch", "curl: (6) Could not resolve host: nosuch"),
    (
      "http://empty/", "Connection refused",
      "curl: (7) Failed to connect to empty port 80 after 0 ms: Connection refused"
    ),
    (
      "http://10.96.0.99/", "Connection timed out",
      "curl: (28) Failed to connect to 10.96.0.99 port 80 after 130000 ms: Connection timed out"
    ),
    (
      "http://10.244.2.99:8080/", "No route to host",
      "curl: (7) Failed to connect to 10.244.2.99 port 8080 after 3070 ms: No route to host"
    ),
    (
      "http://10.244.2.40/", "Connection refused",
      "curl: (7) Failed to connect to 10.244.2.40 port 80 after 0 ms: Connection refused"
    ),
    (
      "http://web:81/", "Connection timed out",
      "curl: (28) Failed to connect to web port 81 after 130000 ms: Connection timed out"
    ),
  ])
  func curlErrors(url: String, reason: String, curl: String) {
    let lab = Self.lab()
    lab.service("empty", clusterIP: "10.96.0.30", ports: [ServicePort(port: 80)])
    lab.hosts["node-2"]!.silent.insert("10.244.2.40")
    lab.ticks(2)
    let (trace, failure) = lab.cluster.network.request(url, from: Self.client)
    #expect(trace.response == nil)
    #expect(trace.error == reason)
    #expect(failure?.curl == curl)
    #expect(NetworkFailure(error: reason, url: url)?.curl == curl)
  }

  @Test func noEndpointsShowsTheRejectRule() {
    let lab = Self.lab()
    lab.service("empty", clusterIP: "10.96.0.30", ports: [ServicePort(port: 80)])
    lab.ticks(2)
    let refused = lab.cluster.network.httpGet("http://empty/", from: Self.client)
    #expect(
      refused.hops.map(\.text).contains(
        "-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment \"default/empty has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable"
      ))
  }

  @Test func directPodRequestSkipsServiceRules() {
    let lab = Self.lab()
    let trace = lab.cluster.network.httpGet("http://10.244.2.5:8080/", from: Self.client)
    #expect(trace.response?.body == "web@10.244.2.5\n")
    #expect(!trace.hops.contains { $0.text.contains("DNAT") })
    #expect(trace.hops.contains { $0.kind == "route" && $0.text == "10.244.2.5 is in node-2's pod CIDR 10.244.2.0/24" })
  }

  @Test func nodePortOnAnotherNode() {
    let lab = Self.lab()
    var svc = lab.get(Service.self, "default", "web")!
    svc.spec.type = "NodePort"
    svc.spec.ports[0].nodePort = 30080
    lab.update(svc)
    lab.ticks(2)
    let node2 = lab.cluster.node("node-2")!.config.internalIP
    let trace = lab.cluster.network.httpGet("http://\(node2):30080/", from: Self.client)
    #expect(trace.response?.status == 200)
    let texts = trace.hops.map(\.text)
    let ext = ChainNames.external("default/web:http", "tcp")
    #expect(texts.contains("node-2: 10.244.1.20 → \(node2):30080/tcp (nat PREROUTING)"))
    #expect(
      texts.contains(
        "-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/web:http\" -m tcp --dport 30080 -j \(ext)"))
    #expect(
      texts.contains(
        "-A \(ext) -m comment --comment \"masquerade traffic for default/web:http external destinations\" -j KUBE-MARK-MASQ"
      ))
    #expect(
      texts.contains(
        "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully"
      ))
    // Masqueraded on node-2: the pod sees node-2's address, not the client's.
    let served = trace.response!.body.contains("10.244.1.") ? "node-1" : "node-2"
    #expect(lab.hosts[served]!.lastClient == node2)
    // A ClusterIP request from a pod keeps the pod's address.
    _ = lab.cluster.network.httpGet("http://10.244.2.5:8080/", from: Self.client)
    #expect(lab.hosts["node-2"]!.lastClient == "10.244.1.20")
    // From the node itself, through localhost.
    let host = NetworkSource(ip: node2, node: "node-2", namespace: "")
    #expect(lab.cluster.network.httpGet("http://127.0.0.1:30080/", from: host).response?.status == 200)
  }

  @Test func hairpinTrafficIsMasqueraded() {
    let lab = Self.lab()
    let me = NetworkSource(ip: "10.244.1.5", node: "node-1", namespace: "default")
    var sawSelf = false
    for _ in 0..<40 {
      let t = lab.cluster.network.httpGet("http://10.96.0.20/", from: me)
      if t.response?.body == "web@10.244.1.5\n" {
        sawSelf = true
        #expect(
          t.hops.contains {
            $0.text.hasSuffix("-s 10.244.1.5/32 -m comment --comment \"default/web:http\" -j KUBE-MARK-MASQ")
          })
      }
    }
    #expect(sawSelf)
  }

  @Test func tcpConnect() {
    let lab = Self.lab()
    #expect(lab.cluster.network.tcpConnect(host: "10.244.1.5", port: 8080, from: Self.client).error == nil)
    #expect(
      lab.cluster.network.tcpConnect(host: "10.244.1.5", port: 9999, from: Self.client).error == "Connection refused")
    #expect(
      lab.cluster.network.connectTCP(host: "10.244.1.5", port: 9999, from: Self.client).failure?.dial
        == "dial tcp 10.244.1.5:9999: connect: connection refused")
  }

  @Test func failuresSpellForOtherClients() {
    let f = NetworkFailure.refused(host: "web", ip: "10.96.0.20", port: 80, ms: 0)
    #expect(f.wget == "wget: can't connect to remote host (10.96.0.20): Connection refused")
    #expect(f.reason == "Connection refused")
    #expect(NetworkFailure(error: "Could not resolve host: x", url: "x") == .unresolved(host: "x"))
    #expect(NetworkFailure(error: "something else", url: "x") == nil)
  }

  @Test func urlParsing() {
    let u = ClusterNetwork.parseURL("http://web.default:8080/healthz?x=1")
    #expect(u.host == "web.default" && u.port == 8080 && u.path == "/healthz?x=1")
    let v = ClusterNetwork.parseURL("web")
    #expect(v.host == "web" && v.port == 80 && v.path == "/")
    #expect(ClusterNetwork.parseURL("https://kubernetes.default").port == 443)
  }

  @Test func runtimeIsWiredToTheNetwork() {
    let lab = Self.lab()
    #expect(lab.cluster.node("node-1")!.runtime.network === lab.cluster.network)
  }
}
