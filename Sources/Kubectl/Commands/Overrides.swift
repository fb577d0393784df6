// Overrides: `--overrides=JSON --override-type=merge|json|strategic` of `kubectl run` and
// `kubectl expose` — a patch applied to the generated object before it is sent (cmdutil.Overrider).
import KubeSim

enum Overrides {
  /// The generated object with the invocation's `--overrides` applied (itself when there are none).
  static func apply<T: KubeObject>(_ inv: Invocation, to object: T) throws -> T {
    let text = inv.flags.string("overrides")
    if text.isEmpty { return object }
    let type = inv.flags.string("override-type", default: "merge")
    guard ["json", "merge", "strategic"].contains(type) else {
      throw KubectlError.message("invalid override type: \(type)")
    }
    let patch: JSON
    do {
      patch = try JSON.parse(text)
    } catch {
      // jsonpatch's error for a fragment that is not JSON.
      throw KubectlError.message("Invalid JSON Patch")
    }
    let current = object.json
    let patched: JSON
    switch type {
    case "json": patched = try JSONPatch.apply(patch, to: current)
    case "strategic": patched = StrategicMerge.apply(patch, to: current)
    default: patched = MergePatch.apply(patch, to: current)
    }
    do {
      return try T.decode(from: patched).object
    } catch {
      throw KubectlError.message(decodingFailure(error))
    }
  }
}
