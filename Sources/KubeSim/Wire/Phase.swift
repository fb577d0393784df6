// Phase: the six steps of one tick of the control loop, in the source material's order.

/// One phase of a tick. A tick runs all six, always in this order.
public enum Phase: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
  /// Kubelets report node and pod status and renew their leases.
  case report
  /// The apiserver authenticates, authorizes, admits and persists queued requests in etcd.
  case store
  /// The scheduler binds pending pods to nodes.
  case schedule
  /// The apiserver delivers watch events to the components that watch.
  case dispatch
  /// Kubelets drive their container runtimes; kube-proxy and DNS program what they serve.
  case run
  /// Controllers compare desired and actual state and write corrections.
  case reconcile

  public var description: String {
    switch self {
    case .report: return "report"
    case .store: return "store"
    case .schedule: return "schedule"
    case .dispatch: return "dispatch"
    case .run: return "run"
    case .reconcile: return "reconcile"
    }
  }

  public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }

  public var next: Phase? { Phase(rawValue: rawValue + 1) }
}
