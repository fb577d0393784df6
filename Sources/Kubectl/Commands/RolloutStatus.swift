// RolloutStatus: kubectl's rollout status viewers (k8s.io/kubectl/pkg/polymorphichelpers
// rollout_status.go) — the line `kubectl rollout status` prints and whether the rollout is done.
// `kubectl rollout status` and the console's `run until deployment/NAME rolled-out` both use it.
import KubeSim

public enum RolloutStatus {
  /// The rollout cannot be reported on (no viewer, a revision mismatch) or will not finish
  /// (it exceeded its progress deadline): kubectl prints `error: MESSAGE`.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  /// Whether kubectl has a status viewer for objects of this resource.
  public static func hasViewer(_ resource: ResourceType) -> Bool {
    resource.plural == Deployment.resource.plural || resource.plural == DaemonSet.resource.plural
  }

  /// What `kubectl rollout status` prints for `o` now (one line, with its newline) and whether the
  /// rollout is done. `revision` > 0 pins the deployment revision, as `--revision` does.
  public static func of(_ o: any KubeObject, revision: Int = 0) throws(Failure) -> (line: String, done: Bool) {
    if let d = o as? Deployment { return try deployment(d, revision: revision) }
    if let ds = o as? DaemonSet { return try daemonSet(ds) }
    throw Failure(message: "no status viewer has been implemented for \(o.resource.kind)")
  }

  /// Upstream `DeploymentStatusViewer.Status`.
  static func deployment(_ d: Deployment, revision: Int) throws(Failure) -> (line: String, done: Bool) {
    if revision > 0 {
      let current = Int(d.metadata.annotations?[Rollout.revisionAnnotation] ?? "0") ?? 0
      if current != revision {
        throw Failure(message: "desired revision (\(revision)) is different from the running revision (\(current))")
      }
    }
    let st = d.status
    guard (d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0) else {
      return ("Waiting for deployment spec update to be observed...\n", false)
    }
    if let c = d.condition(DeploymentConditionType.progressing), c.reason == "ProgressDeadlineExceeded" {
      throw Failure(message: "deployment \"\(d.metadata.name)\" exceeded its progress deadline")
    }
    let name = d.metadata.name
    let updated = st.updatedReplicas ?? 0
    if let want = d.spec.replicas, updated < want {
      return (
        "Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(want) new replicas have been updated...\n",
        false
      )
    }
    if (st.replicas ?? 0) > updated {
      return (
        "Waiting for deployment \"\(name)\" rollout to finish: \((st.replicas ?? 0) - updated) old replicas are pending termination...\n",
        false
      )
    }
    if (st.availableReplicas ?? 0) < updated {
      return (
        "Waiting for deployment \"\(name)\" rollout to finish: \(st.availableReplicas ?? 0) of \(updated) updated replicas are available...\n",
        false
      )
    }
    return ("deployment \"\(name)\" successfully rolled out\n", true)
  }

  /// Upstream `DaemonSetStatusViewer.Status`.
  static func daemonSet(_ ds: DaemonSet) throws(Failure) -> (line: String, done: Bool) {
    if !ds.spec.updateStrategy.type.isEmpty && ds.spec.updateStrategy.type != DaemonSetUpdateStrategyType.rollingUpdate
    {
      throw Failure(message: "rollout status is only available for RollingUpdate strategy type")
    }
    let st = ds.status
    let name = ds.metadata.name
    guard (ds.metadata.generation ?? 0) <= (st.observedGeneration ?? 0) else {
      return ("Waiting for daemon set spec update to be observed...\n", false)
    }
    if (st.updatedNumberScheduled ?? 0) < st.desiredNumberScheduled {
      return (
        "Waiting for daemon set \"\(name)\" rollout to finish: \(st.updatedNumberScheduled ?? 0) out of \(st.desiredNumberScheduled) new pods have been updated...\n",
        false
      )
    }
    if (st.numberAvailable ?? 0) < st.desiredNumberScheduled {
      return (
        "Waiting for daemon set \"\(name)\" rollout to finish: \(st.numberAvailable ?? 0) of \(st.desiredNumberScheduled) updated pods are available...\n",
        false
      )
    }
    return ("daemon set \"\(name)\" successfully rolled out\n", true)
  }
}
