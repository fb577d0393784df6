// SchedulingGates: keeps a pod with `spec.schedulingGates` out of the activeQ until the gates are
// removed (upstream framework/plugins/schedulinggates).

extension Plugins {
  final class SchedulingGates: Framework.PreEnqueuePlugin {
    let name = Plugins.schedulingGates

    /// Upstream `PreEnqueue`: UnschedulableAndUnresolvable while any gate remains.
    func preEnqueue(_ pod: Framework.PodInfo) -> Framework.Status {
      let gates = pod.pod.spec.schedulingGates
      if gates.isEmpty { return .success }
      let names = gates.map(\.name).joined(separator: " ")
      return Framework.Status(.unschedulableAndUnresolvable, "waiting for scheduling gates: [\(names)]")
    }
  }
}
