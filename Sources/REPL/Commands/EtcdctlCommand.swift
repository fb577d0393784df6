// EtcdctlCommand: a read-only etcdctl on the cluster's etcd, as a learner would run it on the
// control-plane node.
import KubeSim

struct EtcdctlCommand: REPLCommand {
  let name = "etcdctl"
  let group = CommandGroup.inside
  let summary = "Read etcd directly: keys, revisions, history (read-only)"
  let usage = """
    Usage: etcdctl get KEY [RANGE_END] [--prefix] [--keys-only] [--print-value-only] [--rev N]
                   [--limit N] [--from-key] [--count-only] [-w simple|json|fields]
           etcdctl watch KEY [--prefix] --rev N     (prints the events from revision N up to now)
           etcdctl endpoint status [-w table] | member list [-w table] | lease list | version

    Kubernetes keeps every object under /registry/ (pods at /registry/pods/NAMESPACE/NAME, nodes
    at /registry/minions/NAME, services at /registry/services/specs/NAMESPACE/NAME).
    Only the apiserver writes to etcd, so writing commands are refused.
    Simulation: values print as JSON; the real apiserver stores protobuf.

    Examples:
      etcdctl get /registry/pods --prefix --keys-only
      etcdctl get /registry/deployments/default/web -w json
      etcdctl watch /registry/pods/default --prefix --rev 100
    """
  let flags = [
    "--prefix", "--keys-only", "--print-value-only", "--rev", "--limit", "--from-key", "--count-only", "-w",
    "--write-out",
  ]

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    var a = args
    // `ETCDCTL_API=3 etcdctl …` as people paste it from the docs.
    while let f = a.first, f.hasPrefix("ETCDCTL_") { a.removeFirst() }
    let (text, code) = session.cluster.etcdctl(a)
    if code == 0 {
      out.write(text)
    } else {
      out.error(text)
    }
    return code == 0
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    if args.count <= 1 {
      return ["get", "watch", "endpoint", "member", "lease", "version", "help"].filter { $0.hasPrefix(word) }
    }
    if word.hasPrefix("/") {
      // Complete keys one path segment at a time.
      let (listing, _) = session.cluster.etcdctl(["get", "/registry/", "--prefix", "--keys-only"])
      var segments: Set<String> = []
      for key in listing.split(separator: "\n") where key.hasPrefix(word) {
        let rest = key.dropFirst(word.count)
        if let slash = rest.firstIndex(of: "/") {
          segments.insert(word + rest[...slash])
        } else {
          segments.insert(String(key))
        }
      }
      return segments.sorted()
    }
    return flags.filter { $0.hasPrefix(word) }
  }
}
