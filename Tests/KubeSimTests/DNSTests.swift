import Testing

@testable import KubeSim

/// CoreDNS's records and a pod's resolver, through the cluster network.
struct DNSTests {
  /// A lab with DNS served, a ClusterIP service `web`, a headless `nginx` with two ready endpoints
  /// (hostnames web-0, web-1) and one not ready, and an ExternalName service.
  static func lab() -> ProxyLab {
    let lab = ProxyLab()
    lab.dnsEndpoints()
    lab.create(Namespace(metadata: ObjectMeta(name: "shop")))
    lab.service(
      "web", clusterIP: "10.96.0.20",
      ports: [
        ServicePort(name: "http", protocol: "TCP", port: 80), ServicePort(name: "metrics", protocol: "TCP", port: 9090),
      ])
    lab.service("nginx", clusterIP: "None", ports: [ServicePort(name: "http", protocol: "TCP", port: 80)])
    lab.slice(
      "nginx-1", service: "nginx",
      endpoints: [
        .init(ip: "10.244.1.7", node: "node-1", hostname: "web-0"),
        .init(ip: "10.244.2.7", node: "node-2", hostname: "web-1"),
        .init(ip: "10.244.2.8", node: "node-2", ready: false, hostname: "web-2"),
      ], ports: [EndpointSlicePort(name: "http", protocol: "TCP", port: 80)])
    lab.service("db", clusterIP: "", ports: [], type: "ExternalName") { $0.spec.externalName = "db.example.com" }
    lab.ticks()
    return lab
  }

  static let client = NetworkSource(ip: "10.244.1.20", node: "node-1", namespace: "default")

  @Test(arguments: [
    ("web", "web.default.svc.cluster.local"),
    ("web.default", "web.default.svc.cluster.local"),
    ("web.default.svc", "web.default.svc.cluster.local"),
    ("web.default.svc.cluster.local", "web.default.svc.cluster.local"),
    ("web.default.svc.cluster.local.", "web.default.svc.cluster.local"),
  ])
  func serviceNamesResolveThroughTheSearchPath(name: String, fqdn: String) {
    let lab = Self.lab()
    let (answer, _) = lab.cluster.network.lookup(name, type: "A", from: Self.client)
    #expect(answer.name == fqdn)
    #expect(answer.addresses == ["10.96.0.20"])
    #expect(!answer.nxdomain)
  }

  @Test func shortNamesResolveOnlyInTheirNamespace() {
    let lab = Self.lab()
    let other = NetworkSource(ip: "10.244.2.30", node: "node-2", namespace: "shop")
    #expect(lab.cluster.network.lookup("web", type: "A", from: other).answer.nxdomain)
    #expect(lab.cluster.network.lookup("web.default", type: "A", from: other).answer.addresses == ["10.96.0.20"])
  }

  @Test func headlessServiceAnswersReadyEndpoints() {
    let lab = Self.lab()
    let (answer, _) = lab.cluster.network.lookup("nginx", type: "A", from: Self.client)
    #expect(answer.addresses == ["10.244.1.7", "10.244.2.7"])
    // publishNotReadyAddresses: every endpoint.
    var svc = lab.get(Service.self, "default", "nginx")!
    svc.spec.publishNotReadyAddresses = true
    lab.update(svc)
    lab.ticks(2)
    #expect(
      lab.cluster.network.lookup("nginx", type: "A", from: Self.client).answer.addresses == [
        "10.244.1.7", "10.244.2.7", "10.244.2.8",
      ])
  }

  @Test func hostnameAndSubdomainRecords() {
    let lab = Self.lab()
    #expect(lab.cluster.network.lookup("web-1.nginx", type: "A", from: Self.client).answer.addresses == ["10.244.2.7"])
    let (a, _) = lab.cluster.network.lookup("web-0.nginx.default.svc.cluster.local", type: "A", from: Self.client)
    #expect(a.addresses == ["10.244.1.7"])
    #expect(lab.cluster.network.lookup("web-2.nginx", type: "A", from: Self.client).answer.nxdomain)
  }

  @Test func srvForNamedPorts() {
    let lab = Self.lab()
    let (a, _) = lab.cluster.network.lookup("_http._tcp.web.default.svc.cluster.local", type: "SRV", from: Self.client)
    // `port weight priority target`, as the PodNetwork contract spells SRV records.
    #expect(a.srv == ["80 100 0 web.default.svc.cluster.local."])
    let (h, _) = lab.cluster.network.lookup("_http._tcp.nginx", type: "SRV", from: Self.client)
    #expect(
      h.srv == ["80 50 0 web-0.nginx.default.svc.cluster.local.", "80 50 0 web-1.nginx.default.svc.cluster.local."])
    #expect(lab.cluster.network.lookup("_grpc._tcp.web", type: "SRV", from: Self.client).answer.nxdomain)
  }

  @Test func podRecords() {
    let lab = Self.lab()
    #expect(
      lab.cluster.network.lookup("10-244-2-9.default.pod.cluster.local", type: "A", from: Self.client).answer.addresses
        == ["10.244.2.9"])
  }

  @Test func externalNameIsACNAME() {
    let lab = Self.lab()
    let (out, code) = lab.cluster.network.nslookup("db", from: Self.client)
    #expect(code == 0)
    #expect(
      out == """
        Server:\t\t10.96.0.10
        Address:\t10.96.0.10#53

        db.default.svc.cluster.local\tcanonical name = db.example.com.


        """)
  }

  @Test func externalNameToAClusterNameIsFollowed() {
    let lab = Self.lab()
    lab.service("alias", clusterIP: "", ports: [], type: "ExternalName") {
      $0.spec.externalName = "web.default.svc.cluster.local"
    }
    lab.ticks(2)
    let r = lab.cluster.network.resolve("alias", from: Self.client)
    #expect(r.message?.answers.map(\.type) == ["CNAME", "A"])
    #expect(r.addresses == ["10.96.0.20"])
    #expect(lab.cluster.network.httpGet("http://db/", from: Self.client).error == "Could not resolve host: db")
  }

  @Test func nslookupOutputAsBindPrintsIt() {
    let lab = Self.lab()
    let (out, code) = lab.cluster.network.nslookup("web", from: Self.client)
    #expect(code == 0)
    #expect(
      out == """
        Server:\t\t10.96.0.10
        Address:\t10.96.0.10#53

        Name:\tweb.default.svc.cluster.local
        Address: 10.96.0.20


        """)
    let (missing, status) = lab.cluster.network.nslookup("nosuch", from: Self.client)
    #expect(status == 1)
    #expect(missing == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nosuch: NXDOMAIN\n\n")
    let (srv, _) = lab.cluster.network.nslookup("_http._tcp.web", type: "SRV", from: Self.client)
    #expect(
      srv.contains("_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local.\n"))
    let (busybox, _) = lab.cluster.network.nslookup("web", style: .busybox, from: Self.client)
    #expect(
      busybox.hasPrefix("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\n"))
    let (ptr, _) = lab.cluster.network.nslookup("10.96.0.20", from: Self.client)
    #expect(ptr.contains("20.0.96.10.in-addr.arpa\tname = web.default.svc.cluster.local.\n"))
  }

  @Test func resolvConfOfAClusterFirstPod() {
    let conf = ResolvConf.clusterFirst(namespace: "shop")
    #expect(
      conf.text
        == "search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n")
    #expect(
      conf.candidates(for: "web") == [
        "web.shop.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web",
      ])
    #expect(conf.candidates(for: "a.b.c.d.e").first == "a.b.c.d.e.shop.svc.cluster.local")
    #expect(conf.candidates(for: "a.b.c.d.e.f").first == "a.b.c.d.e.f")
    #expect(conf.candidates(for: "web.") == ["web"])
  }

  @Test func theQueryGoesThroughKubeDNSServiceRules() throws {
    let lab = Self.lab()
    let r = lab.cluster.network.resolve("web", from: Self.client)
    // The CoreDNS pod that answered is the kube-dns endpoint the rules chose.
    let pod = try #require(r.answeredBy)
    let rules = r.hops.filter { $0.kind == "iptables" }.map(\.text)
    #expect(
      rules.contains(
        "-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU"
      ))
    let sep = ChainNames.endpoint("kube-system/kube-dns:dns", "udp", "\(pod):53")
    #expect(
      rules.last
        == "-A \(sep) -p udp -m comment --comment \"kube-system/kube-dns:dns\" -m udp -j DNAT --to-destination \(pod):53"
    )
    #expect(
      r.hops.contains { $0.kind == "dns" && $0.text == "coredns \(pod): web.default.svc.cluster.local A → 10.96.0.20" })
  }

  @Test func noDNSEndpointsMeansNoServerReached() {
    // The pods' nameserver is a Service without endpoints: kube-proxy REJECTs the queries.
    let lab = ProxyLab()
    lab.service(
      "dns-down", ns: "kube-system", clusterIP: "10.96.0.11",
      ports: [ServicePort(name: "dns", protocol: "UDP", port: 53)])
    lab.cluster.network.clusterDNS = "10.96.0.11"
    lab.ticks()
    let (out, code) = lab.cluster.network.nslookup("web", from: Self.client)
    #expect(code == 1)
    #expect(out.hasPrefix(";; communications error to 10.96.0.11#53: connection refused\n"))
    #expect(out.hasSuffix(";; no servers could be reached\n\n"))
    let trace = lab.cluster.network.httpGet("http://web/", from: Self.client)
    #expect(trace.error == "Could not resolve host: web")
  }

  @Test func coreDNSAnswersFromItsOwnCache() {
    let lab = Self.lab()
    #expect(
      lab.cluster.dns.resolve("web.default.svc.cluster.local").answers.map(\.description) == [
        "web.default.svc.cluster.local.\t30\tIN\tA\t10.96.0.20"
      ])
    #expect(lab.cluster.dns.resolve("example.com").rcode == .nxDomain)
    #expect(lab.cluster.dns.resolve("web.default.svc.cluster.local", type: "AAAA").answers.isEmpty)
    #expect(lab.cluster.dns.resolve("web.default.svc.cluster.local", type: "AAAA").rcode == .noError)
  }
}
