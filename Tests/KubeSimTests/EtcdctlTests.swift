import Testing

@testable import KubeSim

@Suite struct EtcdctlTests {
  /// foo=bar at 2, a pod at 3, foo=baz at 4, the pod deleted at 5, an event with a lease at 6.
  static func fixture() throws -> (EtcdStore<String>, Etcdctl<String>, lease: Int64) {
    let store = EtcdStore<String>(member: EtcdMember(name: "control-plane", address: "10.0.0.10"))
    try store.put("foo", "bar")
    try store.put("/registry/pods/default/web", #"{"kind":"Pod"}"#)
    try store.put("foo", "baz")
    try store.deleteRange("/registry/pods/default/web")
    let lease = try store.grant(ttl: 3600).id
    try store.put("/registry/events/default/web.1", "ev", lease: lease)
    return (store, Etcdctl(store: store), lease)
  }

  static let header =
    #"{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":6,"raft_term":2}"#

  @Test(arguments: [
    (["get", "foo"], "foo\nbaz\n"),
    (["get", "foo", "--print-value-only"], "baz\n"),
    (["get", "foo", "--rev=2"], "foo\nbar\n"),
    (["get", "missing"], ""),
    (["get", "", "--prefix", "--keys-only"], "/registry/events/default/web.1\n\nfoo\n\n"),
    (["get", "/registry/", "--prefix", "--rev", "3"], "/registry/pods/default/web\n{\"kind\":\"Pod\"}\n"),
    (["get", "a", "g"], "foo\nbaz\n"),
    (["get", "/registry/z", "--from-key"], "foo\nbaz\n"),
    (
      ["get", "", "--prefix", "--sort-by=MODIFY", "--order=DESCEND", "--limit=1"],
      "/registry/events/default/web.1\nev\n"
    ),
    (["get", "foo", "--hex"], "\\x66\\x6f\\x6f\n\\x62\\x61\\x7a\n"),
    (
      ["--endpoints=https://127.0.0.1:2379", "--cacert", "/etc/kubernetes/pki/etcd/ca.crt", "get", "foo"], "foo\nbaz\n"
    ),
  ])
  func getSimple(args: [String], expected: String) throws {
    let (_, ctl, _) = try Self.fixture()
    let (output, code) = ctl.run(args)
    #expect(output == expected)
    #expect(code == 0)
  }

  @Test func getJSON() throws {
    let (_, ctl, lease) = try Self.fixture()
    #expect(
      ctl.run(["get", "foo", "-w", "json"]).output
        == #"{"header":"# + Self.header
        + #","kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":4,"version":2,"value":"YmF6"}],"count":1}"#
        + "\n")
    #expect(
      ctl.run(["get", "", "--prefix", "--limit", "1", "--keys-only", "-w", "json"]).output
        == #"{"header":"# + Self.header
        + #","kvs":[{"key":"L3JlZ2lzdHJ5L2V2ZW50cy9kZWZhdWx0L3dlYi4x","create_revision":6,"mod_revision":6,"version":1,"lease":"#
        + "\(lease)" + #"}],"more":true,"count":2}"# + "\n")
    #expect(ctl.run(["get", "missing", "--write-out=json"]).output == #"{"header":"# + Self.header + "}\n")
  }

  @Test func getFields() throws {
    let (_, ctl, _) = try Self.fixture()
    #expect(
      ctl.run(["get", "foo", "-w", "fields"]).output == """
        "ClusterID" : 14841639068965178418
        "MemberID" : 10276657743932975437
        "Revision" : 6
        "RaftTerm" : 2
        "Key" : "foo"
        "CreateRevision" : 2
        "ModRevision" : 4
        "Version" : 2
        "Value" : "baz"
        "Lease" : 0
        "More" : false
        "Count" : 1

        """)
    #expect(
      ctl.run(["get", "", "--prefix", "--count-only", "-w", "fields"]).output.hasSuffix(
        "\"More\" : false\n\"Count\" : 2\n"))
  }

  @Test(arguments: [
    (["get", "foo", "--rev", "1"], "", 0),
    (["get", "foo", "--rev", "7"], "Error: etcdserver: mvcc: required revision is a future revision\n", 1),
    (["get"], "Error: get command needs one argument as key and an optional argument as range_end\n", 128),
    (
      ["get", "foo", "--prefix", "--from-key"],
      "Error: `--prefix` and `--from-key` cannot be set at the same time, choose one\n", 128
    ),
    (
      ["get", "foo", "bar", "--prefix"],
      "Error: too many arguments, only accept one argument when `--prefix` or `--from-key` is set\n", 128
    ),
    (["get", "foo", "--count-only"], "Error: --count-only is only for `--write-out=fields`\n", 128),
    (
      ["get", "foo", "--print-value-only", "-w", "json"], "Error: print-value-only is only for `--write-out=simple`\n",
      128
    ),
    (["get", "foo", "-w", "table"], "Error: table not supported as output format\n", 4),
    (["get", "foo", "-w", "yaml"], "Error: unsupported output format\n", 4),
    (["get", "foo", "--order=UP"], "Error: bad sort order UP\n", 4),
    (["get", "foo", "--foo"], "Error: unknown flag: --foo\n", 1),
    (["get", "foo", "-x"], "Error: unknown shorthand flag: 'x' in -x\n", 1),
    (["get", "foo", "--rev"], "Error: flag needs an argument: --rev\n", 1),
    (
      ["get", "foo", "--limit=ten"],
      "Error: invalid argument \"ten\" for \"--limit\" flag: strconv.ParseInt: parsing \"ten\": invalid syntax\n", 1
    ),
    (["get", ""], "Error: etcdserver: key is not provided\n", 1),
    (["frobnicate"], "Error: unknown command \"frobnicate\" for \"etcdctl\"\nRun 'etcdctl --help' for usage.\n", 1),
    (["put", "foo", "x"], "Error: etcdctl put is refused: in KubeLab only the kube-apiserver writes to etcd\n", 1),
    (["del", "foo"], "Error: etcdctl del is refused: in KubeLab only the kube-apiserver writes to etcd\n", 1),
    (
      ["compaction", "5"], "Error: etcdctl compaction is refused: in KubeLab only the kube-apiserver writes to etcd\n",
      1
    ),
    (
      ["lease", "grant", "60"],
      "Error: etcdctl lease grant is refused: in KubeLab only the kube-apiserver writes to etcd\n", 1
    ),
    (["endpoint", "health"], "Error: etcdctl endpoint health is not simulated in KubeLab\n", 1),
    (["version"], "etcdctl version: 3.5.16\nAPI version: 3.5\n", 0),
  ])
  func errorsAndOtherCommands(args: [String], expected: String, code: Int32) throws {
    let (_, ctl, _) = try Self.fixture()
    let result = ctl.run(args)
    #expect(result.output == expected)
    #expect(result.exitCode == code)
  }

  @Test func compactedRevisionIsReported() throws {
    let (store, ctl, _) = try Self.fixture()
    try store.compact(4)
    #expect(
      ctl.run(["get", "foo", "--rev=3"]) == ("Error: etcdserver: mvcc: required revision has been compacted\n", 1))
    #expect(
      ctl.run(["watch", "foo", "--rev=2"])
        == (
          "watch was canceled (etcdserver: mvcc: required revision has been compacted)\n"
            + "Error: watch is canceled by the server\n", 5
        ))
  }

  @Test func watchReplaysFromARevision() throws {
    let (_, ctl, _) = try Self.fixture()
    #expect(ctl.run(["watch", "foo", "--rev", "1"]) == ("PUT\nfoo\nbar\nPUT\nfoo\nbaz\n", 0))
    #expect(
      ctl.run(["watch", "/registry/pods/", "--prefix", "--rev=3"]).output
        == "PUT\n/registry/pods/default/web\n{\"kind\":\"Pod\"}\nDELETE\n/registry/pods/default/web\n\n")
    #expect(
      ctl.run(["watch", "/registry/pods/", "--prefix", "--rev=5", "--prev-kv"]).output
        == "DELETE\n/registry/pods/default/web\n{\"kind\":\"Pod\"}\n/registry/pods/default/web\n\n")
    #expect(
      ctl.run(["watch", "/registry/pods/", "--prefix", "--rev=5", "-w", "json"]).output
        == #"{"Header":"# + Self.header
        + #","Events":[{"type":1,"kv":{"key":"L3JlZ2lzdHJ5L3BvZHMvZGVmYXVsdC93ZWI=","mod_revision":5}}],"#
        + #""CompactRevision":0,"Canceled":false,"Created":false}"# + "\n")
    #expect(ctl.run(["watch", "foo", "--rev", "9"]) == ("", 0))
    #expect(ctl.run(["watch", "foo"]).output.hasPrefix("(KubeLab: watch does not wait"))
    #expect(ctl.run(["watch", "a", "b", "--prefix", "--rev=1"]).exitCode == 128)
    #expect(ctl.run(["watch"]) == ("Error: bad number of arguments\n", 128))
  }

  @Test func endpointStatus() throws {
    let (store, ctl, _) = try Self.fixture()
    let index = store.raftIndex
    #expect(index == 4 + 6)  // five writes and a lease grant
    #expect(
      ctl.run(["endpoint", "status"]).output
        == "127.0.0.1:2379, 8e9e05c52164694d, 3.5.16, 20 kB, true, false, 2, \(index), \(index), \n")
    #expect(
      ctl.run(["--endpoints=https://127.0.0.1:2379", "endpoint", "status", "-w", "table"]).output == """
        +------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
        |        ENDPOINT        |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
        +------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
        | https://127.0.0.1:2379 | 8e9e05c52164694d |  3.5.16 |   20 kB |      true |      false |         2 |         10 |                 10 |        |
        +------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+

        """)
    #expect(
      ctl.run(["endpoint", "status", "-w", "json"]).output
        == #"[{"Endpoint":"127.0.0.1:2379","Status":{"header":"# + Self.header
        + #","version":"3.5.16","dbSize":20480,"leader":10276657743932975437,"raftIndex":10,"raftTerm":2,"#
        + #""raftAppliedIndex":10,"dbSizeInUse":20480}}]"# + "\n")
    #expect(ctl.run(["endpoint", "status", "--cluster"]).output.hasPrefix("https://10.0.0.10:2379, "))
  }

  @Test func memberList() throws {
    let (_, ctl, _) = try Self.fixture()
    #expect(
      ctl.run(["member", "list"]).output
        == "8e9e05c52164694d, started, control-plane, https://10.0.0.10:2380, https://10.0.0.10:2379, false\n")
    #expect(
      ctl.run(["member", "list", "-w", "table"]).output == """
        +------------------+---------+---------------+------------------------+------------------------+------------+
        |        ID        | STATUS  |     NAME      |       PEER ADDRS       |      CLIENT ADDRS      | IS LEARNER |
        +------------------+---------+---------------+------------------------+------------------------+------------+
        | 8e9e05c52164694d | started | control-plane | https://10.0.0.10:2380 | https://10.0.0.10:2379 |      false |
        +------------------+---------+---------------+------------------------+------------------------+------------+

        """)
    #expect(
      ctl.run(["member", "list", "-w", "json"]).output
        == #"{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"raft_term":2},"#
        + #""members":[{"ID":10276657743932975437,"name":"control-plane","peerURLs":["https://10.0.0.10:2380"],"#
        + #""clientURLs":["https://10.0.0.10:2379"]}]}"# + "\n")
  }

  @Test func leases() throws {
    let (store, ctl, lease) = try Self.fixture()
    let hex = String(lease, radix: 16)
    #expect(ctl.run(["lease", "list"]).output == "found 1 leases\n\(hex)\n")
    store.advance(toSeconds: 100)
    #expect(
      ctl.run(["lease", "timetolive", hex, "--keys"]).output
        == "lease \(hex) granted with TTL(3600s), remaining(3500s), attached keys([/registry/events/default/web.1])\n")
    #expect(ctl.run(["lease", "timetolive", "1234"]).output == "lease 0000000000001234 already expired\n")
    #expect(ctl.run(["lease", "timetolive", "xyz"]).exitCode == 128)
  }

  @Test func helpListsTheReadOnlyCommands() throws {
    let (_, ctl, _) = try Self.fixture()
    for args in [[], ["--help"], ["help"]] {
      let (output, code) = ctl.run(args)
      #expect(code == 0)
      #expect(output.contains("only the kube-apiserver writes to etcd"))
    }
    #expect(ctl.run(["get", "--help"]).output.contains("etcdctl get [options] <key> [range_end]"))
    #expect(ctl.run(["endpoint"]).output.contains("status"))
  }
}
