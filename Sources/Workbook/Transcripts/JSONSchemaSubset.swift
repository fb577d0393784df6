// JSONSchemaSubset: checks a JSON value against the part of JSON Schema (2020-12) that
// transcripts/schema.json uses, and refuses keywords it does not know rather than ignore them.
import Foundation
import KubeSim

public enum JSONSchemaSubset {
  /// Keywords checked, and annotations accepted without effect.
  static let checked: Set<String> = [
    "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum", "anyOf",
    "minLength",
  ]
  static let annotations: Set<String> = ["$schema", "$id", "$defs", "$comment", "title", "description", "examples"]

  /// Every violation, as `/commands/0/output: expected string, got number`; empty when `value` is valid.
  public static func validate(_ value: JSON, schema: JSON) -> [String] {
    var errors: [String] = []
    check(value, against: schema, root: schema, at: "", errors: &errors)
    return errors
  }

  static func check(_ v: JSON, against s: JSON, root: JSON, at path: String, errors: inout [String]) {
    let here = path.isEmpty ? "/" : path
    if case .bool(let b) = s {
      if !b { errors.append("\(here): no value is allowed here") }
      return
    }
    guard let keys = s.objectValue?.keys else {
      errors.append("\(here): the schema is not an object")
      return
    }
    for k in keys where !checked.contains(k) && !annotations.contains(k) {
      errors.append("\(here): schema keyword \"\(k)\" is not supported by this validator")
    }
    if let ref = s["$ref"]?.stringValue {
      guard ref.hasPrefix("#/"), let target = resolve(String(ref.dropFirst(2)), in: root) else {
        errors.append("\(here): cannot resolve $ref \(ref)")
        return
      }
      check(v, against: target, root: root, at: path, errors: &errors)
    }
    if let t = s["type"] {
      let allowed = t.arrayValue?.compactMap(\.stringValue) ?? [t.stringValue ?? ""]
      if !allowed.contains(where: { matches(v, type: $0) }) {
        errors.append("\(here): expected \(allowed.joined(separator: " or ")), got \(v.typeName)")
        return
      }
    }
    if let c = s["const"], c != v { errors.append("\(here): expected \(c.compactText), got \(v.compactText)") }
    if let e = s["enum"]?.arrayValue, !e.contains(v) {
      errors.append("\(here): \(v.compactText) is not one of \(e.map(\.compactText).joined(separator: ", "))")
    }
    if let min = s["minimum"], let n = number(v), let m = number(min), n < m {
      errors.append("\(here): \(v.compactText) is less than the minimum \(min.compactText)")
    }
    if let min = s["minLength"]?.intValue, let str = v.stringValue, str.count < min {
      errors.append("\(here): string shorter than \(min)")
    }
    if let options = s["anyOf"]?.arrayValue {
      let passing = options.contains { option in
        var e: [String] = []
        check(v, against: option, root: root, at: path, errors: &e)
        return e.isEmpty
      }
      if !passing { errors.append("\(here): matches none of the anyOf alternatives") }
    }
    if case .object(let o) = v {
      for r in s["required"]?.arrayValue ?? [] {
        if let name = r.stringValue, o[name] == nil { errors.append("\(here): missing required \"\(name)\"") }
      }
      let props = s["properties"]?.objectValue
      for (k, item) in o {
        if let p = props?[k] {
          check(item, against: p, root: root, at: "\(path)/\(k)", errors: &errors)
        } else if let extra = s["additionalProperties"] {
          if case .bool(false) = extra {
            errors.append("\(here): unexpected property \"\(k)\"")
          } else {
            check(item, against: extra, root: root, at: "\(path)/\(k)", errors: &errors)
          }
        }
      }
    }
    if case .array(let a) = v, let items = s["items"] {
      for (i, item) in a.enumerated() { check(item, against: items, root: root, at: "\(path)/\(i)", errors: &errors) }
    }
  }

  static func matches(_ v: JSON, type: String) -> Bool {
    switch (type, v) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
    case ("number", .int), ("number", .double): return true
    case ("integer", .int): return true
    case ("integer", .double(let d)): return d.rounded() == d
    default: return false
    }
  }

  static func number(_ v: JSON) -> Double? {
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// `$defs/command` → the sub-schema (JSON Pointer, `~1` and `~0` unescaped).
  static func resolve(_ pointer: String, in root: JSON) -> JSON? {
    var node: JSON? = root
    for part in pointer.split(separator: "/") {
      let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      if let i = Int(key), case .array = node { node = node?[i] } else { node = node?[key] }
    }
    return node
  }
}
