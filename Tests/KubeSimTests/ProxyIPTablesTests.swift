import Testing

@testable import KubeSim

/// kube-proxy programs each node's rules from Services and EndpointSlices it watches.
struct ProxyIPTablesTests {
  /// service1 from a real kubeadm cluster's iptables-save (two named ports, three endpoints).
  static func service1(_ lab: ProxyLab, ready: [Bool] = [true, true, true]) {
    lab.service(
      "service1", clusterIP: "10.108.64.11",
      ports: [
        ServicePort(name: "fileserver", protocol: "TCP", port: 8080, targetPort: .int(8080)),
        ServicePort(name: "downloader", protocol: "TCP", port: 3000, targetPort: .int(3000)),
      ])
    lab.slice(
      "service1-abcde", service: "service1",
      endpoints: [
        .init(ip: "10.244.1.4", node: "node-1", ready: ready[0]),
        .init(ip: "10.244.1.5", node: "node-1", ready: ready[1]),
        .init(ip: "10.244.1.6", node: "node-1", ready: ready[2]),
      ],
      ports: [
        EndpointSlicePort(name: "fileserver", protocol: "TCP", port: 8080),
        EndpointSlicePort(name: "downloader", protocol: "TCP", port: 3000),
      ])
  }

  @Test func clusterIPServiceWithThreeEndpointsAsIptablesSavePrintsIt() {
    let lab = ProxyLab()
    Self.service1(lab)
    lab.ticks()
    let save = lab.proxy("node-2").iptablesSave()
    // These lines are what `iptables-save` printed on a real kubeadm node for the same service.
    let expected = """
      :KUBE-SVC-XFIT55N4IPARHPG5 - [0:0]
      -A KUBE-SEP-LADV24EFL6BSD2AA -s 10.244.1.4/32 -m comment --comment "default/service1:downloader" -j KUBE-MARK-MASQ
      -A KUBE-SEP-LADV24EFL6BSD2AA -p tcp -m comment --comment "default/service1:downloader" -m tcp -j DNAT --to-destination 10.244.1.4:3000
      -A KUBE-SERVICES -d 10.108.64.11/32 -p tcp -m comment --comment "default/service1:fileserver cluster IP" -m tcp --dport 8080 -j KUBE-SVC-YJOPSEYCAQBFRA2J
      -A KUBE-SERVICES -d 10.108.64.11/32 -p tcp -m comment --comment "default/service1:downloader cluster IP" -m tcp --dport 3000 -j KUBE-SVC-XFIT55N4IPARHPG5
      -A KUBE-SVC-XFIT55N4IPARHPG5 ! -s 10.244.0.0/16 -d 10.108.64.11/32 -p tcp -m comment --comment "default/service1:downloader cluster IP" -m tcp --dport 3000 -j KUBE-MARK-MASQ
      -A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment "default/service1:downloader -> 10.244.1.4:3000" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-LADV24EFL6BSD2AA
      -A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment "default/service1:downloader -> 10.244.1.5:3000" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-GNPLBMAPMBAWZWRV
      -A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment "default/service1:downloader -> 10.244.1.6:3000" -j KUBE-SEP-BMXIWDGCUXES4RXU
      -A KUBE-SVC-YJOPSEYCAQBFRA2J -m comment --comment "default/service1:fileserver -> 10.244.1.4:8080" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-5RGOO3QK7HUWX7JR
      -A KUBE-SVC-YJOPSEYCAQBFRA2J -m comment --comment "default/service1:fileserver -> 10.244.1.5:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-3WH7PNCF552PK7QF
      -A KUBE-SVC-YJOPSEYCAQBFRA2J -m comment --comment "default/service1:fileserver -> 10.244.1.6:8080" -j KUBE-SEP-DQ3TQJSNULRJFVPB
      -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
      -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
      -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
      -A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      """
    let lines = Set(save.split(separator: "\n").map(String.init))
    for line in expected.split(separator: "\n") {
      #expect(lines.contains(String(line)), "missing: \(line)")
    }
  }

  @Test func restoreInputHasUpstreamProbabilitiesAndFallThrough() {
    let lab = ProxyLab()
    Self.service1(lab)
    lab.ticks()
    let lines = lab.proxy("node-1").restoreInput().split(separator: "\n").map(String.init)
    let svc = lines.filter {
      $0.hasPrefix("-A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment \"default/service1:downloader ->")
    }
    #expect(
      svc == [
        "-A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment \"default/service1:downloader -> 10.244.1.4:3000\" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-LADV24EFL6BSD2AA",
        "-A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment \"default/service1:downloader -> 10.244.1.5:3000\" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-GNPLBMAPMBAWZWRV",
        "-A KUBE-SVC-XFIT55N4IPARHPG5 -m comment --comment \"default/service1:downloader -> 10.244.1.6:3000\" -j KUBE-SEP-BMXIWDGCUXES4RXU",
      ])
    #expect(lines.contains("-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000"))
  }

  @Test func onlyReadyEndpointsGetRules() {
    let lab = ProxyLab()
    Self.service1(lab, ready: [true, false, true])
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave(table: "nat")
    #expect(
      save.contains(
        "--comment \"default/service1:downloader -> 10.244.1.4:3000\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-LADV24EFL6BSD2AA"
      ))
    #expect(save.contains("--comment \"default/service1:downloader -> 10.244.1.6:3000\" -j KUBE-SEP-BMXIWDGCUXES4RXU"))
    #expect(!save.contains("10.244.1.5"))
  }

  @Test func terminatingServingEndpointsAreUsedOnlyWhenNothingIsReady() {
    let lab = ProxyLab()
    lab.service("drain", clusterIP: "10.96.0.40", ports: [ServicePort(port: 80)])
    lab.slice(
      "drain-1", service: "drain",
      endpoints: [.init(ip: "10.244.1.8", node: "node-1", ready: false, terminating: true)],
      ports: [EndpointSlicePort(name: "", protocol: "TCP", port: 80)])
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave(table: "nat")
    #expect(save.contains("-A KUBE-SVC-") && save.contains("--comment \"default/drain -> 10.244.1.8:80\""))
  }

  @Test func serviceWithoutEndpointsIsRejectedInFilter() {
    let lab = ProxyLab()
    lab.service("empty", clusterIP: "10.96.0.30", ports: [ServicePort(name: "http", protocol: "TCP", port: 80)])
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave()
    #expect(
      save.contains(
        "-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment \"default/empty:http has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable"
      ))
    #expect(
      !save.contains("-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment \"default/empty:http cluster IP\""))
    #expect(!save.contains(ChainNames.clusterPolicy("default/empty:http", "tcp")))
  }

  @Test func nodePortRules() {
    let lab = ProxyLab()
    lab.service(
      "web", clusterIP: "10.96.0.50", ports: [ServicePort(port: 80, targetPort: .int(8080), nodePort: 30080)],
      type: "NodePort")
    lab.slice(
      "web-1", service: "web", endpoints: [.init(ip: "10.244.2.7", node: "node-2")],
      ports: [EndpointSlicePort(name: "", protocol: "TCP", port: 8080)])
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave(table: "nat")
    let ext = ChainNames.external("default/web", "tcp")
    let svc = ChainNames.clusterPolicy("default/web", "tcp")
    for line in [
      ":\(ext) - [0:0]",
      "-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment \"default/web\" -m tcp --dport 30080 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j \(ext)",
      "-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/web\" -m tcp --dport 30080 -j \(ext)",
      "-A \(ext) -m comment --comment \"masquerade traffic for default/web external destinations\" -j KUBE-MARK-MASQ",
      "-A \(ext) -j \(svc)",
      "-A \(svc) -m comment --comment \"default/web -> 10.244.2.7:8080\" -j \(ChainNames.endpoint("default/web", "tcp", "10.244.2.7:8080"))",
    ] {
      #expect(save.contains(line + "\n"), "missing: \(line)")
    }
  }

  @Test func nodePortWithoutEndpointsIsRejectedForExternalTraffic() {
    let lab = ProxyLab()
    lab.service("np", clusterIP: "10.96.0.51", ports: [ServicePort(port: 80, nodePort: 30081)], type: "NodePort")
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave(table: "filter")
    #expect(
      save.contains(
        "-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment \"default/np has no endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j REJECT --reject-with icmp-port-unreachable\n"
      ))
  }

  @Test func sessionAffinityUsesRecent() {
    let lab = ProxyLab()
    lab.service("sticky", clusterIP: "10.96.0.52", ports: [ServicePort(port: 80)]) {
      $0.spec.sessionAffinity = "ClientIP"
    }
    lab.slice(
      "sticky-1", service: "sticky",
      endpoints: [.init(ip: "10.244.1.9", node: "node-1"), .init(ip: "10.244.2.9", node: "node-2")],
      ports: [EndpointSlicePort(name: "", protocol: "TCP", port: 80)])
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave(table: "nat")
    let sep = ChainNames.endpoint("default/sticky", "tcp", "10.244.1.9:80")
    #expect(
      save.contains(
        "-m recent --rcheck --seconds 10800 --reap --name \(sep) --mask 255.255.255.255 --rsource -j \(sep)\n"))
    #expect(
      save.contains(
        "-A \(sep) -p tcp -m comment --comment \"default/sticky\" -m recent --set --name \(sep) --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.9:80\n"
      ))
  }

  @Test func headlessAndExternalNameServicesAreNotProxied() {
    let lab = ProxyLab()
    lab.service("headless", clusterIP: "None", ports: [ServicePort(port: 80)])
    lab.service("ext", clusterIP: "", ports: [], type: "ExternalName") { $0.spec.externalName = "example.com" }
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave()
    #expect(!save.contains("default/headless"))
    #expect(!save.contains("default/ext"))
  }

  @Test func iptablesSaveLayout() {
    let lab = ProxyLab()
    lab.ticks(1)
    let save = lab.proxy("node-1").iptablesSave()
    let stamp = IPTables.ctime(lab.cluster.context.now)
    #expect(
      save.hasPrefix(
        "# Generated by iptables-save v1.8.10 (nf_tables) on \(stamp)\n*mangle\n:PREROUTING ACCEPT [0:0]\n"))
    #expect(save.hasSuffix("COMMIT\n# Completed on \(stamp)\n"))
    // Tables in order, built-in chains first, the others by name.
    let filter = save.components(separatedBy: "*filter\n")[1].components(separatedBy: "COMMIT")[0]
    let declared = filter.split(separator: "\n").filter { $0.hasPrefix(":") }.map {
      String($0.split(separator: " ")[0].dropFirst())
    }
    #expect(
      declared == [
        "INPUT", "FORWARD", "OUTPUT", "KUBE-EXTERNAL-SERVICES", "KUBE-FIREWALL", "KUBE-FORWARD", "KUBE-KUBELET-CANARY",
        "KUBE-NODEPORTS", "KUBE-PROXY-CANARY", "KUBE-PROXY-FIREWALL", "KUBE-SERVICES",
      ])
    // The jump rules in the order a kubeadm node shows them.
    let builtin = filter.split(separator: "\n").filter {
      $0.hasPrefix("-A INPUT") || $0.hasPrefix("-A FORWARD") || $0.hasPrefix("-A OUTPUT")
    }
    #expect(
      builtin
        == [
          "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL",
          "-A INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS",
          "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES",
          "-A INPUT -j KUBE-FIREWALL",
          "-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL",
          "-A FORWARD -m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD",
          "-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
          "-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES",
          "-A OUTPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL",
          "-A OUTPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
          "-A OUTPUT -j KUBE-FIREWALL",
        ].map { Substring($0) })
  }

  @Test func syncsOnlyWhenSomethingChanged() {
    let lab = ProxyLab()
    // Nothing else may change Services or EndpointSlices meanwhile.
    lab.cluster.controllerManager.stop()
    for n in lab.cluster.nodes { lab.cluster.stopKubelet(n.name) }
    lab.ticks(2)
    let proxy = lab.proxy("node-1")
    let before = proxy.syncCount
    lab.ticks(3)
    #expect(proxy.syncCount == before)
    lab.service("later", clusterIP: "10.96.0.60", ports: [ServicePort(port: 80)])
    lab.ticks(2)
    #expect(proxy.syncCount == before + 1)
    #expect(proxy.iptablesSave().contains("default/later has no endpoints"))
  }

  @Test func deletedServiceLosesItsChains() {
    let lab = ProxyLab()
    Self.service1(lab)
    lab.ticks()
    #expect(lab.proxy("node-1").iptablesSave().contains("KUBE-SVC-XFIT55N4IPARHPG5"))
    _ = lab.cluster.kubectl.perform(APIRequest(.delete, Service.resource, namespace: "default", name: "service1"))
    lab.ticks()
    let save = lab.proxy("node-1").iptablesSave()
    #expect(!save.contains("KUBE-SVC-XFIT55N4IPARHPG5"))
    #expect(!save.contains("KUBE-SEP-LADV24EFL6BSD2AA"))
  }

  @Test func kubeProxyOnlyListsAndWatches() {
    let lab = ProxyLab()
    let proxy = lab.proxy("node-1")
    proxy.stop()
    proxy.start()
    Self.service1(lab)
    lab.ticks()
    let fromProxy = lab.cluster.context.log.recent.filter { $0.from == .kubeProxy("node-1") }
    #expect(fromProxy.map(\.verb).sorted() == ["LIST", "LIST", "LIST", "WATCH", "WATCH", "WATCH"])
    let toProxy = lab.cluster.context.log.recent.filter { $0.to == .kubeProxy("node-1") }
    #expect(toProxy.count >= 3)
    // The restarted process rebuilt the same rules from its fresh caches.
    #expect(proxy.iptablesSave().contains("-j KUBE-SVC-XFIT55N4IPARHPG5"))
  }
}
