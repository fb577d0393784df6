// SimClock: simulated time. One tick is one simulated second by default.

/// The cluster's clock: which tick and phase it is, and the simulated wall time.
public struct SimClock: Sendable {
  /// The wall time at tick 0.
  public let epoch: Time
  public let secondsPerTick: Int64
  /// The current tick; 0 before the first tick starts.
  public var tick: Int = 0
  /// The last phase run in the current tick, nil before its first phase.
  public var phase: Phase? = nil

  public init(epoch: Time, secondsPerTick: Int64 = 1) {
    self.epoch = epoch
    self.secondsPerTick = secondsPerTick
  }

  /// Simulated time now.
  public var now: Time { epoch.adding(seconds: Int64(tick) * secondsPerTick) }
  /// Seconds since the clock started.
  public var seconds: Int64 { Int64(tick) * secondsPerTick }

  /// The phase that `step` would run next.
  public var nextPhase: Phase { phase?.next ?? .report }
}
