// CycleState: what plugins remember between extension points within one scheduling cycle
// (upstream pkg/scheduler/framework/cycle_state.go).

extension Framework {
  /// Per-cycle storage: PreFilter/PreScore write what Filter/Score read, keyed by the plugin.
  final class CycleState {
    private var storage: [String: Any] = [:]
    /// Plugins whose PreFilter returned Skip: their Filter is not run this cycle.
    var skipFilterPlugins: Set<String> = []
    /// Plugins whose PreScore returned Skip: their Score is not run this cycle.
    var skipScorePlugins: Set<String> = []
    /// The Filter plugins left after PreFilter's skips, computed once per cycle.
    var activeFilterPlugins: [FilterPlugin]? = nil

    init() {}

    func write(_ key: String, _ value: Any) { storage[key] = value }
    func read<T>(_ key: String, as: T.Type = T.self) -> T? { storage[key] as? T }

    /// Upstream `Clone`: preemption dry-runs filters on a copy.
    func clone() -> CycleState {
      let c = CycleState()
      c.storage = storage
      c.skipFilterPlugins = skipFilterPlugins
      c.skipScorePlugins = skipScorePlugins
      c.activeFilterPlugins = activeFilterPlugins
      return c
    }
  }
}
