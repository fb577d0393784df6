import Testing

@testable import KubeSim

/// Chain names and probabilities exactly as upstream kube-proxy computes and iptables prints them.
struct ProxyChainNameTests {
  @Test func sha256MatchesPublishedVectors() {
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func base32MatchesRFC4648() {
    #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
    #expect(Base32.encode(Array("fo".utf8)) == "MZXQ====")
  }

  /// Service chains: upstream proxier_test.go (`ns1/svc1:p80` …) and real clusters' kube-dns chains.
  @Test(arguments: [
    ("ns1/svc1:p80", "tcp", "KUBE-SVC-XPGD46QRK7WJZT7O"),
    ("ns2/svc2:p80", "tcp", "KUBE-SVC-GNZBNJ2PO5MGZ6GT"),
    ("ns3/svc3:p80", "tcp", "KUBE-SVC-X27LE4BHSL4DOUIK"),
    ("ns4/svc4:p80", "tcp", "KUBE-SVC-4SW47YFZTEDKD3PK"),
    ("ns5/svc5:p80", "tcp", "KUBE-SVC-NUKIZ6OKUXPJNT4C"),
    ("kube-system/kube-dns:dns", "udp", "KUBE-SVC-TCOU7JCQXEZGVUNU"),
    ("kube-system/kube-dns:dns-tcp", "tcp", "KUBE-SVC-ERIFXISQEP7F7OF4"),
    ("kube-system/kube-dns:metrics", "tcp", "KUBE-SVC-JD5MR3NA4I4DYORP"),
    ("default/kubernetes:https", "tcp", "KUBE-SVC-NPX46M4PTMTKRN6Y"),
    ("default/web-service", "tcp", "KUBE-SVC-SZGXCNNBZLC4E3DM"),
  ])
  func serviceChainName(name: String, proto: String, chain: String) {
    #expect(ChainNames.clusterPolicy(name, proto) == chain)
  }

  @Test(arguments: [
    ("ns1/svc1:p80", "tcp", "10.180.0.1:80", "KUBE-SEP-SXIVWICOYRO3J4NJ"),
    ("ns4/svc4:p80", "tcp", "10.180.0.4:80", "KUBE-SEP-UKSFD7AGPMPPLUHC"),
    ("ns4/svc4:p80", "tcp", "10.180.0.5:80", "KUBE-SEP-C6EBXVWJJZMIWKLZ"),
    ("default/web-service", "tcp", "10.244.1.10:80", "KUBE-SEP-LJSFUGXYHK6BOCVT"),
    ("default/web-service", "tcp", "10.244.1.11:80", "KUBE-SEP-V64CEIOABZ4EVXRD"),
    ("default/web-service", "tcp", "10.244.1.9:80", "KUBE-SEP-5B6VHRE3J4X6IDTW"),
  ])
  func endpointChainName(name: String, proto: String, endpoint: String, chain: String) {
    #expect(ChainNames.endpoint(name, proto, endpoint) == chain)
  }

  @Test func otherPrefixesShareTheHash() {
    #expect(ChainNames.external("ns3/svc3:p80", "tcp") == "KUBE-EXT-X27LE4BHSL4DOUIK")
    #expect(ChainNames.firewall("ns5/svc5:p80", "tcp") == "KUBE-FW-NUKIZ6OKUXPJNT4C")
    #expect(ChainNames.localPolicy("ns2/svc2:p80", "tcp") == "KUBE-SVL-GNZBNJ2PO5MGZ6GT")
  }

  /// `computeProbability(n)` = `%0.10f` of 1/n; iptables-save prints the kernel's 31-bit value with `%.11f`.
  @Test(arguments: [
    (1, "1.0000000000", "1.00000000000"),
    (2, "0.5000000000", "0.50000000000"),
    (3, "0.3333333333", "0.33333333349"),
    (4, "0.2500000000", "0.25000000000"),
    (5, "0.2000000000", "0.20000000019"),
    (7, "0.1428571429", "0.14285714272"),
  ])
  func probability(n: Int, written: String, saved: String) {
    #expect(IPTablesRule.probability(n) == written)
    #expect(IPTablesRule.savedProbability(written) == saved)
  }

  @Test func oldFivePlaceProbabilitiesSaveAsSeenInTheWild() {
    // kube-proxy once wrote %0.5f; iptables-save printed 0.33332999982 for it.
    #expect(IPTablesRule.savedProbability("0.33333") == "0.33332999982")
  }

  @Test func masqueradeMarkIsGoHashZeroEight() {
    #expect(KubeProxyConfiguration().masqueradeMark == "0x00004000")
  }

  @Test func ctimeLikeIptablesSave() {
    #expect(IPTables.ctime(Time.parse("2026-01-01T00:00:10Z")!) == "Thu Jan  1 00:00:10 2026")
    #expect(IPTables.ctime(Time.parse("2024-05-09T00:31:58Z")!) == "Thu May  9 00:31:58 2024")
    #expect(IPTables.ctime(Time.parse("2026-03-07T09:25:55Z")!) == "Sat Mar  7 09:25:55 2026")
  }
}
