// Body cache: a recorder renders a stored object's body once, and never reuses a rendering for a
// request or for an object that changed; what it returns is always what `body.json` renders.
import KubeSim
import Testing
import Workbook

struct TranscriptBodyCacheTests {
  func stored(_ labels: [String: String] = [:], memory: String = "1Gi", rv: String = "7") throws -> Pod {
    var pod = Pod()
    pod.metadata = ObjectMeta(name: "web", namespace: "default")
    pod.metadata.uid = "uid-1"
    pod.metadata.resourceVersion = rv
    pod.metadata.labels = labels
    var c = Container(name: "app", image: "nginx")
    c.resources.requests = ["memory": try Quantity.parse(memory)]
    pod.spec.containers = [c]
    return pod
  }

  @Test func aStoredObjectIsRenderedAsBodyJSONEachTime() throws {
    let cache = TranscriptBodyCache()
    let body = MessageBody.object(try stored(["app": "web"]))
    for kind in [MessageKind.response, .watchEvent, .watchEvent] {
      #expect(cache.json(body, kind: kind) == body.json)
    }
    #expect(cache.json(body, kind: .response).compactText == body.json.compactText)
  }

  @Test func aChangedObjectWithTheSameVersionIsRenderedAfresh() throws {
    let cache = TranscriptBodyCache()
    _ = cache.json(.object(try stored(["app": "web"])), kind: .response)
    let changed = MessageBody.object(try stored(["app": "other"]))
    let j = cache.json(changed, kind: .watchEvent)
    #expect(j["metadata"]?["labels"]?["app"] == "other")
    #expect(j == changed.json)
  }

  @Test func requestsAreNeverReused() throws {
    // Equal objects (quantities compare by amount) that render differently: a request is always
    // rendered as it is.
    let cache = TranscriptBodyCache()
    _ = cache.json(.object(try stored(memory: "1Gi")), kind: .request)
    _ = cache.json(.object(try stored(memory: "1Gi")), kind: .response)
    let respelled = MessageBody.object(try stored(memory: "1073741824"))
    #expect(sameObject(try stored(memory: "1Gi"), try stored(memory: "1073741824")))
    let j = cache.json(respelled, kind: .request)
    #expect(j == respelled.json)
    #expect(j.compactText.contains("\"1073741824\""))
  }

  @Test func theCacheStartsOverWhenFull() throws {
    let cache = TranscriptBodyCache(limit: 2)
    for rv in 1...5 {
      let body = MessageBody.object(try stored(rv: String(rv)))
      #expect(cache.json(body, kind: .response) == body.json)
    }
    let first = MessageBody.object(try stored(["x": "y"], rv: "1"))
    #expect(cache.json(first, kind: .response) == first.json)
  }
}
