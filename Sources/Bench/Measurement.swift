// Measurement: the named figures one benchmark run produced, and their medians over runs.
import Collections
import KubeSim

/// One figure a benchmark reports: a key for JSON, a column title for the table, and a unit.
public struct Metric: Sendable, Equatable {
  public var key: String
  public var title: String
  public var unit: String
  /// Digits after the decimal point in the table.
  public var decimals: Int

  public init(_ key: String, _ title: String, unit: String = "", decimals: Int = 0) {
    self.key = key
    self.title = title
    self.unit = unit
    self.decimals = decimals
  }
}

/// The figures of one run, in the order they were recorded.
public struct Measurement: Sendable, Equatable {
  public private(set) var values: [(key: String, value: Double)] = []

  public init() {}

  public static func == (a: Measurement, b: Measurement) -> Bool {
    a.values.map(\.key) == b.values.map(\.key) && a.values.map(\.value) == b.values.map(\.value)
  }

  public subscript(key: String) -> Double? {
    get { values.first { $0.key == key }?.value }
    set {
      if let i = values.firstIndex(where: { $0.key == key }) {
        if let newValue { values[i].value = newValue } else { values.remove(at: i) }
      } else if let newValue {
        values.append((key, newValue))
      }
    }
  }

  public var keys: [String] { values.map(\.key) }

  /// `{"wall_s": 1.25, "ticks": 31, …}`: whole numbers as integers.
  public var json: JSON {
    var o: OrderedDictionary<String, JSON> = [:]
    for (k, v) in values { o[k] = Self.number(v) }
    return .object(o)
  }

  public init(json: JSON) throws {
    guard let o = json.objectValue else { throw BenchError("a measurement must be a JSON object") }
    for (k, v) in o {
      switch v {
      case .int(let i): values.append((k, Double(i)))
      case .double(let d): values.append((k, d))
      default: throw BenchError("measurement \(k): expected a number, got \(v.typeName)")
      }
    }
  }

  static func number(_ v: Double) -> JSON {
    if v == v.rounded(), abs(v) < 1e15 { return .int(Int64(v)) }
    return .double((v * 1e6).rounded() / 1e6)
  }

  /// The median of each key over `runs` (keys of the first run, in its order).
  public static func median(_ runs: [Measurement]) -> Measurement {
    var m = Measurement()
    guard let first = runs.first else { return m }
    for key in first.keys {
      let samples = runs.compactMap { $0[key] }
      m[key] = Self.median(samples)
    }
    return m
  }

  /// The middle value (the mean of the two middle values for an even count).
  public static func median(_ samples: [Double]) -> Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

/// A benchmark that could not run.
public struct BenchError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
