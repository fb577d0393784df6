// RunCondition: what `run until` waits for, read from the simulator's own view (no messages).
import KubeSim
import Kubectl

struct RunCondition: CustomStringConvertible {
  enum Target {
    case object(ResourceType, namespace: String, name: String, state: String)
    case pods(namespace: String, selector: String, state: String)
    case idle
  }
  let target: Target

  struct ParseError: Error, CustomStringConvertible {
    let description: String
  }

  static let states: [String: [String]] = [
    "pods": ["running", "ready", "succeeded", "failed", "scheduled", "pending", "deleted", "terminating", "completed"],
    "deployments": ["available", "complete", "rolled-out", "deleted"],
    "replicasets": ["ready", "deleted"],
    "daemonsets": ["ready", "rolled-out", "deleted"],
    "jobs": ["complete", "failed", "deleted"],
    "nodes": ["ready", "notready", "unknown", "deleted"],
    "namespaces": ["deleted", "active"],
    "services": ["deleted"],
  ]

  static func parse(_ words: [String], namespace: String, selector: String) throws -> RunCondition {
    guard let subject = words.first else {
      throw ParseError(description: "run until needs a condition such as `pod/web running` (see `help run`)")
    }
    if subject == "idle" { return RunCondition(target: .idle) }
    guard words.count == 2 else {
      throw ParseError(description: "a condition is TYPE/NAME STATE, e.g. `deployment/web available` (see `help run`)")
    }
    let state = words[1].lowercased()
    if subject == "pods" || subject == "po" {
      guard ["running", "ready"].contains(state) else {
        throw ParseError(description: "`pods` can wait for running or ready, not \"\(state)\"")
      }
      return RunCondition(target: .pods(namespace: namespace, selector: selector, state: state))
    }
    let parts = subject.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2, let type = KindRegistry.resolve(parts[0]) else {
      throw ParseError(description: "unknown object \"\(subject)\": use TYPE/NAME such as pod/web or deployment/web")
    }
    let r = type.resource
    guard let allowed = states[r.plural] else {
      throw ParseError(description: "run until cannot wait on \(r.plural)")
    }
    guard allowed.contains(state) else {
      throw ParseError(
        description:
          "\(r.singular)/\(parts[1]) cannot be waited for \"\(state)\": use one of \(allowed.joined(separator: ", "))")
    }
    return RunCondition(target: .object(r, namespace: r.namespaced ? namespace : "", name: parts[1], state: state))
  }

  var description: String {
    switch target {
    case .idle: return "the cluster is idle"
    case .pods(let ns, let sel, let state):
      return "every pod in \(ns)\(sel.isEmpty ? "" : " matching \(sel)") is \(state)"
    case .object(let r, _, let name, let state): return "\(r.singular)/\(name) is \(state)"
    }
  }

  /// Why the condition can never hold (kubectl's error for a rollout that exceeded its progress
  /// deadline), or nil.
  func failure(in cluster: Cluster) -> String? {
    guard case .object(let r, let ns, let name, "rolled-out") = target,
      let o = cluster.peek(r, namespace: ns, name: name)
    else { return nil }
    do {
      _ = try RolloutStatus.of(o)
      return nil
    } catch {
      return error.message
    }
  }

  func holds(in cluster: Cluster) -> Bool {
    switch target {
    case .idle:
      let p = cluster.pendingWork
      return p.requests == 0 && p.events == 0
    case .pods(let ns, let sel, let state):
      let selector = (try? KubeSim.Selector.parse(sel)) ?? KubeSim.Selector.everything
      let pods = cluster.peekAll(Pod.resource, namespace: ns).compactMap { $0 as? Pod }
        .filter { selector.matches($0.metadata.labels ?? [:]) }
      guard !pods.isEmpty else { return false }
      return pods.allSatisfy { state == "ready" ? $0.isReady : $0.status.phase == PodPhase.running }
    case .object(let r, let ns, let name, let state):
      let o = cluster.peek(r, namespace: ns, name: name)
      if state == "deleted" { return o == nil }
      guard let o else { return false }
      // Exactly what `kubectl rollout status` calls done: it prints "successfully rolled out".
      if state == "rolled-out" { return (try? RolloutStatus.of(o))?.done ?? false }
      switch o {
      case let p as Pod:
        switch state {
        case "running": return p.status.phase == PodPhase.running
        case "ready": return p.isReady
        case "succeeded", "completed": return p.status.phase == PodPhase.succeeded
        case "failed": return p.status.phase == PodPhase.failed
        case "scheduled": return !p.spec.nodeName.isEmpty
        case "pending": return p.status.phase == PodPhase.pending
        case "terminating": return p.metadata.deletionTimestamp != nil
        default: return false
        }
      case let d as Deployment:
        let want = d.spec.replicas ?? 1
        // A status the deployment controller wrote before the last spec change (a scale, a new
        // image) says nothing about the new spec: wait until it has observed the change.
        let observed = (d.status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
        let available = d.status.conditions.contains { $0.type == "Available" && $0.status == "True" }
        if state == "available" { return observed && available }
        return observed
          && (d.status.updatedReplicas ?? 0) == want
          && (d.status.replicas ?? 0) == want && (d.status.availableReplicas ?? 0) == want
      case let rs as ReplicaSet:
        return (rs.status.readyReplicas ?? 0) == (rs.spec.replicas ?? 1)
      case let ds as DaemonSet:
        return ds.status.desiredNumberScheduled > 0 && (ds.status.numberReady) == ds.status.desiredNumberScheduled
      case let j as Job:
        let type = state == "complete" ? "Complete" : "Failed"
        return j.status.conditions.contains { $0.type == type && $0.status == "True" }
      case let n as Node:
        let ready = n.condition("Ready")?.status
        switch state {
        case "ready": return ready == "True"
        case "notready": return ready != "True"
        case "unknown": return ready == "Unknown"
        default: return false
        }
      case let ns as Namespace:
        return state == "active" && ns.status.phase == "Active"
      default:
        return false
      }
    }
  }
}
