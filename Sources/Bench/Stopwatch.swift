// Stopwatch: monotonic wall time and the process's peak resident memory, for the benchmarks.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the monotonic clock.
public enum Stopwatch {
  /// Seconds on the monotonic clock (an arbitrary origin; only differences mean anything).
  public static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Runs `body` and returns how long it took, in seconds.
  public static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
  }

  /// CPU time (user and system) this process has used so far, in seconds: unlike wall time, it
  /// does not count the time other processes on a busy machine took.
  public static func cpuSeconds() -> Double {
    let u = usage()
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
      + Double(u.ru_stime.tv_usec) / 1e6
  }

  /// Runs `body` and returns how long it took: wall and CPU seconds.
  public static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu = cpuSeconds()
    let start = now()
    try body()
    return (now() - start, cpuSeconds() - cpu)
  }

  static func usage() -> rusage {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
  }

  /// This process's peak resident set size so far, in MiB (`ru_maxrss`).
  public static func peakRSSMiB() -> Double {
    let usage = usage()
    #if canImport(Darwin)
      return Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
    #else
      return Double(usage.ru_maxrss) / 1024  // KiB on Linux
    #endif
  }
}
