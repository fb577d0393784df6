// DefaultBinder: binds the pod with `POST pods/NAME/binding` (upstream plugins/defaultbinder).

extension Plugins {
  final class DefaultBinder: Framework.BindPlugin {
    let name = Plugins.defaultBinder
    let client: APIClient

    init(client: APIClient) { self.client = client }

    /// Upstream `Bind`: a Binding with the pod's name, namespace and uid, targeting the node.
    func bind(
      _ state: Framework.CycleState, _ pod: Framework.PodInfo, _ nodeName: String,
      done: @escaping (Framework.Status) -> Void
    ) {
      let binding = Binding(pod: pod.pod, nodeName: nodeName)
      client.send(
        APIRequest(
          .create, Pod.resource, namespace: pod.namespace, name: pod.name, subresource: "binding",
          body: .object(binding))
      ) { result in
        switch result {
        case .success: done(.success)
        case .failure(let e): done(Framework.Status(.error, e.message))
        }
      }
    }
  }
}
