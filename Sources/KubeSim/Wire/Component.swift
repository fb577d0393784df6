// Component: who can send a message — the parts of the cluster named in the source material.

/// A participant in the cluster. Every message goes from one component to another.
public enum Component: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The learner's kubectl (or any client outside the cluster).
  case kubectl
  case apiserver
  case etcd
  case scheduler
  case controllerManager
  /// The kubelet of a node.
  case kubelet(String)
  /// The kube-proxy of a node.
  case kubeProxy(String)
  /// The container runtime (containerd) of a node, reached only by that node's kubelet over CRI.
  case runtime(String)
  /// The DNS addon (CoreDNS).
  case dns
  /// The dashboard addon.
  case dashboard

  /// `kubelet@node-1`, `controller-manager`, `runtime@node-2` …
  public var description: String {
    switch self {
    case .kubectl: return "kubectl"
    case .apiserver: return "apiserver"
    case .etcd: return "etcd"
    case .scheduler: return "scheduler"
    case .controllerManager: return "controller-manager"
    case .kubelet(let n): return "kubelet@\(n)"
    case .kubeProxy(let n): return "kube-proxy@\(n)"
    case .runtime(let n): return "runtime@\(n)"
    case .dns: return "coredns"
    case .dashboard: return "dashboard"
    }
  }

  /// The component's kind without its node: `kubelet`, `kube-proxy`, `runtime`, `scheduler` …
  public var kindName: String {
    switch self {
    case .kubelet: return "kubelet"
    case .kubeProxy: return "kube-proxy"
    case .runtime: return "runtime"
    default: return description
    }
  }

  /// The node a per-node component runs on.
  public var node: String? {
    switch self {
    case .kubelet(let n), .kubeProxy(let n), .runtime(let n): return n
    default: return nil
    }
  }

  /// Parses `kubelet@node-1`, `kubelet` (any node: returns nil node), `scheduler`, `cm` …
  public static func parse(_ text: String) -> (kind: String, node: String?)? {
    let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
    let kinds = [
      "kubectl", "apiserver", "etcd", "scheduler", "controller-manager", "kubelet", "kube-proxy", "runtime", "coredns",
      "dashboard",
    ]
    let aliases = [
      "kube-apiserver": "apiserver", "kube-scheduler": "scheduler", "kube-controller-manager": "controller-manager",
      "cm": "controller-manager", "proxy": "kube-proxy", "dns": "coredns", "containerd": "runtime",
      "cri": "runtime", "learner": "kubectl",
    ]
    guard let first = parts.first else { return nil }
    let kind = aliases[first] ?? first
    guard kinds.contains(kind) else { return nil }
    return (kind, parts.count > 1 ? parts[1] : nil)
  }

  /// The edges the source material allows. Anything else is a bug in the simulation.
  public static func isAllowedEdge(from: Component, to: Component) -> Bool {
    switch (from, to) {
    case (.apiserver, .etcd), (.etcd, .apiserver): return true
    case (.kubectl, .apiserver), (.apiserver, .kubectl): return true
    case (.scheduler, .apiserver), (.apiserver, .scheduler): return true
    case (.controllerManager, .apiserver), (.apiserver, .controllerManager): return true
    case (.kubelet, .apiserver), (.apiserver, .kubelet): return true
    case (.kubeProxy, .apiserver), (.apiserver, .kubeProxy): return true
    case (.dns, .apiserver), (.apiserver, .dns): return true
    case (.dashboard, .apiserver), (.apiserver, .dashboard): return true
    case (.kubelet(let a), .runtime(let b)), (.runtime(let a), .kubelet(let b)): return a == b
    default: return false
    }
  }

  private var order: (Int, String) {
    switch self {
    case .kubectl: return (0, "")
    case .apiserver: return (1, "")
    case .etcd: return (2, "")
    case .scheduler: return (3, "")
    case .controllerManager: return (4, "")
    case .kubelet(let n): return (5, n)
    case .runtime(let n): return (6, n)
    case .kubeProxy(let n): return (7, n)
    case .dns: return (8, "")
    case .dashboard: return (9, "")
    }
  }

  public static func < (a: Component, b: Component) -> Bool {
    let (x, y) = (a.order, b.order)
    return x.0 != y.0 ? x.0 < y.0 : naturalLess(x.1, y.1)
  }
}
