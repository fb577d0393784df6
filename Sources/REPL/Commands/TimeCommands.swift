// TimeCommands: stepping the control loop — `step`, `tick`, `run`, `status`.
import KubeSim

/// Prints messages in `range` that the trace (or, for `step`, everything) wants shown.
func printMessages(_ range: Range<Int>, session: Session, out: OutputSink, filter: MessageFilter? = nil) {
  let log = session.cluster.context.log
  let f = filter ?? (session.trace.enabled ? session.trace.filter : nil)
  guard let f else { return }
  if range.lowerBound < log.firstKeptSeq {
    out.line("(\(log.firstKeptSeq - range.lowerBound) older messages are past the message window)")
  }
  for m in log.since(seq: range.lowerBound) where m.seq < range.upperBound && f.matches(m) {
    out.line(MessageFormat.line(m, color: session.options.color))
  }
}

struct StepCommand: REPLCommand {
  let name = "step"
  let group = CommandGroup.time
  let summary = "Run the next phase of the tick and show the messages it produced"
  let usage = """
    Usage: step [N]

    Runs the next phase (report → store → schedule → dispatch → run → reconcile) and prints
    every message it produced. With N, runs N phases.

    Example:
      step
      step 6      # a whole tick, phase by phase
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let n = args.first.flatMap(Int.init) ?? 1
    if let a = args.first, Int(a) == nil || n < 1 {
      out.error("error: step takes a positive number of phases, got \"\(a)\"")
      return false
    }
    for _ in 0..<n {
      if Interrupt.take() {
        out.line("interrupted at \(session.cluster.clock.when)")
        return true
      }
      let range = session.cluster.step()
      let clock = session.cluster.clock
      let filter = session.trace.enabled ? session.trace.filter : MessageFilter()
      let log = session.cluster.context.log
      if range.isEmpty {
        out.line("[tick \(clock.tick) · \(clock.phase!)] (no messages)")
      } else if !log.since(seq: range.lowerBound).contains(where: { $0.seq < range.upperBound && filter.matches($0) }) {
        // Every phase run gets a line, also when the trace filter hides all its messages.
        let n = range.count
        out.line(
          "[tick \(clock.tick) · \(clock.phase!)] (\(n) message\(n == 1 ? "" : "s"), none match the trace filter)")
      } else {
        printMessages(range, session: session, out: out, filter: filter)
      }
    }
    return true
  }
}

struct TickCommand: REPLCommand {
  let name = "tick"
  let group = CommandGroup.time
  let summary = "Run whole ticks (1 tick = 1 simulated second)"
  let usage = """
    Usage: tick [N]

    Runs the rest of the current tick, then N-1 more (N defaults to 1). Prints one summary line per
    tick; with `trace on`, prints the traced messages as they happen.

    Example:
      tick
      tick 10
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let n = args.first.flatMap(Int.init) ?? 1
    if let a = args.first, Int(a) == nil || n < 1 {
      out.error("error: tick takes a positive number of ticks, got \"\(a)\"")
      return false
    }
    for _ in 0..<n {
      if Interrupt.take() {
        out.line("interrupted at \(session.cluster.clock.when)")
        return true
      }
      let range = session.cluster.runTick()
      if session.trace.enabled {
        printMessages(range, session: session, out: out)
      } else {
        out.line(TickSummary.line(range, session: session))
      }
    }
    return true
  }
}

enum TickSummary {
  /// `tick 5: 23 messages (report 2, store 9, schedule 0, dispatch 8, run 4, reconcile 0)`
  static func line(_ range: Range<Int>, session: Session) -> String {
    let log = session.cluster.context.log
    var perPhase: [Phase: Int] = [:]
    for m in log.since(seq: range.lowerBound) where m.seq < range.upperBound {
      if let p = m.phase { perPhase[p, default: 0] += 1 }
    }
    let parts = Phase.allCases.map { "\($0) \(perPhase[$0] ?? 0)" }.joined(separator: ", ")
    return "tick \(session.cluster.clock.tick): \(range.count) message\(range.count == 1 ? "" : "s") (\(parts))"
  }
}

extension SimClock {
  /// `tick 3 · store`
  public var when: String { "tick \(tick)" + (phase.map { " · \($0)" } ?? "") }
}

struct StatusCommand: REPLCommand {
  let name = "status"
  let group = CommandGroup.time
  let summary = "Show the clock: tick, phase, simulated time, and what is waiting"
  let usage = """
    Usage: status

    Shows the current tick and phase, the simulated wall time, the next phase, how many requests
    wait for the next store phase and how many watch events wait for the next dispatch.
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let c = session.cluster
    let clock = c.clock
    let pending = c.pendingWork
    out.line("Tick:            \(clock.tick)")
    out.line("Last phase:      \(clock.phase.map { "\($0)" } ?? "(none yet)")")
    out.line("Next phase:      \(clock.nextPhase)")
    out.line("Simulated time:  \(clock.now.rfc3339) (cluster up \(Age.text(clock.seconds)))")
    out.line("Queued requests: \(pending.requests) (answered in the next store phase)")
    out.line("Pending events:  \(pending.events) (delivered in the next dispatch phase)")
    out.line("etcd revision:   \(c.etcdRevision)")
    out.line("Messages:        \(c.context.log.total) (seed \(c.options.seed))")
    return true
  }
}

/// Seconds as a short duration (`5m20s`).
enum Age {
  static func text(_ seconds: Int64) -> String {
    if seconds < 120 { return "\(seconds)s" }
    let m = seconds / 60
    if m < 60 { return seconds % 60 == 0 ? "\(m)m" : "\(m)m\(seconds % 60)s" }
    let h = m / 60
    return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m"
  }
}
