// PodAdmissionDefaults: what the mutating admission plugins add to a pod (ServiceAccount, Priority, DefaultTolerationSeconds).

/// The pod fields upstream's default-on mutating admission plugins fill in, in their order.
///
/// 1. ServiceAccount: `serviceAccountName` (and the deprecated `serviceAccount`) default to `default`.
/// 2. Priority (create only): `priority` from `priorityClassName` (0 without one) and
///    `preemptionPolicy: PreemptLowerPriority`.
/// 3. DefaultTolerationSeconds (create and update): NoExecute tolerations of `not-ready` and
///    `unreachable` for 300 s unless the pod already tolerates them.
// Simulation: the ServiceAccount plugin's projected `kube-api-access-*` token volume and mounts are not
// added, and there are no PriorityClass objects: only the two built-in system classes are known.
public enum PodAdmissionDefaults {
  /// Upstream's `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds`.
  public static let defaultTolerationSeconds: Int64 = 300

  /// The built-in priority classes and their values.
  public static let systemPriorityClasses: [String: Int32] = [
    "system-node-critical": 2_000_001_000,
    "system-cluster-critical": 2_000_000_000,
  ]

  /// Runs the three plugins on a pod being created. Returns the admission error message, if any
  /// (the apiserver answers it as `Forbidden`).
  public static func admitCreate(_ pod: inout Pod) -> String? {
    serviceAccount(&pod)
    if let error = priority(&pod) { return error }
    defaultTolerations(&pod)
    return nil
  }

  /// Runs the plugins that act on a pod update (only DefaultTolerationSeconds).
  public static func admitUpdate(_ pod: inout Pod) {
    defaultTolerations(&pod)
  }

  /// ServiceAccount admission: the `default` service account when none is named.
  public static func serviceAccount(_ pod: inout Pod) {
    if pod.spec.serviceAccountName.isEmpty { pod.spec.serviceAccountName = "default" }
    pod.spec.serviceAccount = pod.spec.serviceAccountName
  }

  /// Priority admission: resolves `priorityClassName`. Returns upstream's error text for an
  /// unknown class or a conflicting explicit priority.
  public static func priority(_ pod: inout Pod) -> String? {
    let value: Int32
    if pod.spec.priorityClassName.isEmpty {
      value = 0
    } else if let v = systemPriorityClasses[pod.spec.priorityClassName] {
      value = v
    } else {
      return "no PriorityClass with name \(pod.spec.priorityClassName) was found"
    }
    if let given = pod.spec.priority, given != value {
      return
        "the integer value of priority (\(given)) must not be provided in pod spec; priority admission controller computed \(value) from the given PriorityClass name"
    }
    pod.spec.priority = value
    if pod.spec.preemptionPolicy == nil { pod.spec.preemptionPolicy = PreemptionPolicy.preemptLowerPriority }
    return nil
  }

  /// DefaultTolerationSeconds admission. A toleration with an empty key or an empty effect counts as
  /// already tolerating.
  public static func defaultTolerations(_ pod: inout Pod) {
    func tolerated(_ key: String) -> Bool {
      pod.spec.tolerations.contains {
        ($0.key == key || $0.key.isEmpty) && ($0.effect == TaintEffect.noExecute || $0.effect.isEmpty)
      }
    }
    let notReady = tolerated(WellKnownTaint.nodeNotReady)
    let unreachable = tolerated(WellKnownTaint.nodeUnreachable)
    if !notReady {
      pod.spec.tolerations.append(
        Toleration(
          key: WellKnownTaint.nodeNotReady, operator: TolerationOperator.exists, effect: TaintEffect.noExecute,
          tolerationSeconds: defaultTolerationSeconds))
    }
    if !unreachable {
      pod.spec.tolerations.append(
        Toleration(
          key: WellKnownTaint.nodeUnreachable, operator: TolerationOperator.exists, effect: TaintEffect.noExecute,
          tolerationSeconds: defaultTolerationSeconds))
    }
  }
}
