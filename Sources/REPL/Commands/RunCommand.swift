// RunCommand: `run 90s`, `run 5m`, `run until pod/web running` — many ticks at once, bounded,
// with a progress line on long runs and Ctrl-C stopping at the next phase boundary.
import KubeSim

struct RunCommand: REPLCommand {
  let name = "run"
  let group = CommandGroup.time
  let summary = "Run for a simulated duration, or until a condition holds"
  let usage = """
    Usage:
      run DURATION                      run 90s, run 5m, run 1h30m (1 tick = 1 s)
      run until CONDITION [--timeout D] stop as soon as CONDITION holds (default timeout 10m)

    Conditions:
      pod/NAME running|ready|succeeded|failed|scheduled|pending|deleted|terminating
      deployment/NAME available|complete|rolled-out
                                  (complete: every replica updated and available;
                                   rolled-out: what `kubectl rollout status` calls done)
      daemonset/NAME ready|rolled-out    replicaset/NAME ready    job/NAME complete|failed
      node/NAME ready|notready|unknown
      pods running|ready [-n NAMESPACE] [-l SELECTOR]   (every matching pod)
      idle                                   (no queued requests and no pending watch events)
    Add -n NAMESPACE for namespaced objects outside `default`.

    Ctrl-C stops the run at the next phase boundary.

    Examples:
      run 90s
      run until deployment/nginx-deployment available
      run until deployment/nginx-deployment rolled-out
      run until node/node-2 notready --timeout 2m
    """
  let flags = ["--timeout", "-n", "--namespace", "-l", "--selector"]

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard let first = args.first else {
      out.error("error: run needs a duration or `until CONDITION` (see `help run`)")
      return false
    }
    if first == "until" {
      return runUntil(Array(args.dropFirst()), session: session, out: out)
    }
    guard let seconds = Duration.parse(first), seconds > 0 else {
      out.error("error: invalid duration \"\(first)\": use forms such as 90s, 5m, 1h30m")
      return false
    }
    // Whole ticks, rounded up (without `seconds + perTick - 1`, which overflows near Int64.max).
    let perTick = session.cluster.clock.secondsPerTick
    let ticks = Int(seconds / perTick + (seconds % perTick == 0 ? 0 : 1))
    let (done, range) = runTicks(ticks, session: session, out: out) { false }
    if !session.trace.enabled { out.line(summary(range, ran: done, session: session)) }
    return true
  }

  private func runUntil(_ args: [String], session: Session, out: OutputSink) -> Bool {
    var words: [String] = []
    var timeout: Int64 = 600
    var namespace = "default"
    var selector = ""
    var i = 0
    while i < args.count {
      let a = args[i]
      func value() -> String? {
        if let eq = a.firstIndex(of: "=") { return String(a[a.index(after: eq)...]) }
        i += 1
        return i < args.count ? args[i] : nil
      }
      if a == "--timeout" || a.hasPrefix("--timeout=") {
        guard let v = value(), let d = Duration.parse(v) else {
          out.error("error: --timeout needs a duration such as 5m")
          return false
        }
        timeout = d
      } else if a == "-n" || a == "--namespace" || a.hasPrefix("--namespace=") {
        namespace = value() ?? namespace
      } else if a == "-l" || a == "--selector" || a.hasPrefix("--selector=") {
        selector = value() ?? ""
      } else {
        words.append(a)
      }
      i += 1
    }
    let condition: RunCondition
    do {
      condition = try RunCondition.parse(words, namespace: namespace, selector: selector)
    } catch {
      out.error("error: \(error)")
      return false
    }
    if condition.holds(in: session.cluster) {
      out.line("\(condition) already holds at \(session.cluster.clock.when)")
      return true
    }
    if let failure = condition.failure(in: session.cluster) {
      out.error("error: \(failure)")
      return false
    }
    let limit = Int(timeout / session.cluster.clock.secondsPerTick)
    var met = false
    var failure: String? = nil
    let (ran, range) = runTicks(limit, session: session, out: out) {
      met = condition.holds(in: session.cluster)
      if !met { failure = condition.failure(in: session.cluster) }
      return met || failure != nil
    }
    if !session.trace.enabled { out.line(summary(range, ran: ran, session: session)) }
    if met {
      out.line("\(condition) after \(ran) tick\(ran == 1 ? "" : "s") (now \(session.cluster.clock.when))")
      return true
    }
    if let failure {
      out.error("error: \(failure)")
      return false
    }
    if Interrupt.raised || ran < limit {
      return true
    }
    out.error("error: timed out after \(Age.text(timeout)) waiting for \(condition)")
    return false
  }

  /// Runs up to `ticks` ticks, phase by phase, stopping early when `stop` says so (checked at each
  /// phase boundary) or on Ctrl-C. Returns how many ticks started and the messages produced.
  private func runTicks(_ ticks: Int, session: Session, out: OutputSink, stop: () -> Bool) -> (Int, Range<Int>) {
    let cluster = session.cluster
    let first = cluster.context.log.nextSeq
    var started = 0
    var stopped = false
    outer: for t in 0..<ticks {
      started += 1
      for _ in 0..<Phase.allCases.count {
        if Interrupt.take() {
          out.endProgress()
          out.line("interrupted at \(cluster.clock.when)")
          stopped = true
          break outer
        }
        let range = cluster.step()
        if session.trace.enabled { printMessages(range, session: session, out: out) }
        if stop() {
          stopped = true
          break outer
        }
        if cluster.clock.phase == .reconcile { break }
      }
      if ticks > 30 && t % 10 == 9 { out.progress("running… tick \(cluster.clock.tick) (\(t + 1)/\(ticks))") }
    }
    if ticks > 30 { out.endProgress() }
    _ = stopped
    return (started, first..<cluster.context.log.nextSeq)
  }

  private func summary(_ range: Range<Int>, ran: Int, session: Session) -> String {
    "ran \(ran) tick\(ran == 1 ? "" : "s") to \(session.cluster.clock.when) (\(Age.text(Int64(ran) * session.cluster.clock.secondsPerTick)) simulated), \(range.count) messages"
  }
}

/// `90s`, `5m`, `1h30m`, `2m30s`, or plain seconds.
enum Duration {
  static func parse(_ s: String) -> Int64? {
    if let n = Int64(s) { return n }
    var total: Int64 = 0
    var number = ""
    var any = false
    for c in s {
      if c.isNumber {
        number.append(c)
      } else {
        guard let n = Int64(number) else { return nil }
        let unit: Int64
        switch c {
        case "s": unit = 1
        case "m": unit = 60
        case "h": unit = 3600
        case "d": unit = 86400
        default: return nil
        }
        // A duration past Int64 is no duration (rather than an overflow trap).
        let (seconds, o1) = n.multipliedReportingOverflow(by: unit)
        let (sum, o2) = total.addingReportingOverflow(seconds)
        if o1 || o2 { return nil }
        total = sum
        number = ""
        any = true
      }
    }
    return number.isEmpty && any ? total : nil
  }
}
