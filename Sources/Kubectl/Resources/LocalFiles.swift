// LocalFiles: reading the manifests `-f` names from the learner's file system.
import Foundation

enum LocalFiles {
  static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The entries of a directory, sorted by name (as filepath.Walk visits them), or nil.
  static func list(_ path: String) -> [(name: String, isDirectory: Bool)]? {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
      let names = try? FileManager.default.contentsOfDirectory(atPath: path)
    else { return nil }
    return names.sorted().map { name in
      var d: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &d)
      return (name, d.boolValue)
    }
  }
}
