// RootCACertPublisher: publishes the cluster CA as the ConfigMap `kube-root-ca.crt` in every
// namespace, for the projected service-account volume (pkg/controller/certificates/rootcacertpublisher).

/// The root-ca-cert-publisher controller.
///
/// `sync(namespace)`: an Active namespace gets `kube-root-ca.crt` with `ca.crt` and upstream's
/// description annotation; a copy that was edited is put back.
final class RootCACertPublisher: Controller {
  let name = "root-ca-cert-publisher"
  let queue = WorkQueue()
  static let configMapName = "kube-root-ca.crt"
  static let descriptionAnnotation = "kubernetes.io/description"
  static let description =
    "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."
  /// Simulation: a PEM-shaped placeholder, not a real certificate.
  static let rootCA = """
    -----BEGIN CERTIFICATE-----
    MIIDBTCCAe2gAwIBAgIIS3ViZUxhYjAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
    AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNTEyMzAwMDAwMDBaMBUx
    EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
    AoIBAQDKdWJlbGFiLXNpbXVsYXRlZC1jbHVzdGVyLWNhLW5vdC1hLXJlYWwta2V5
    S3ViZUxhYiBzaW11bGF0ZXMgYSBjbHVzdGVyOyB0aGlzIGlzIGEgcGxhY2Vob2xk
    ZXIgY2VydGlmaWNhdGUgc2hhcGVkIGxpa2UgdGhlIGt1YmVhZG0gQ0EuAgMBAAGj
    WTBXMA4GA1UdDwEB/wQEAwICpDAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBRr
    dWJlbGFiLWNhLXBsYWNlaG9sZGVyMBUGA1UdEQQOMAyCCmt1YmVybmV0ZXMwDQYJ
    KoZIhvcNAQELBQADggEBAHNpbXVsYXRpb24tb25seS1kby1ub3QtdHJ1c3QtdGhp
    -----END CERTIFICATE-----

    """

  private let client: APIClient
  private let informers: SharedInformers

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.informers = informers
    informers.namespaces.onAdd.append { [unowned self] ns in queue.add(ns.metadata.name) }
    informers.namespaces.onUpdate.append { [unowned self] _, ns in queue.add(ns.metadata.name) }
    informers.configMaps.onUpdate.append { [unowned self] _, cm in
      if cm.metadata.name == Self.configMapName { queue.add(cm.metadata.namespace) }
    }
    informers.configMaps.onDelete.append { [unowned self] cm in
      if cm.metadata.name == Self.configMapName { queue.add(cm.metadata.namespace) }
    }
  }

  func sync(_ key: String) -> SyncResult {
    guard let ns = informers.namespaces.get(key), ns.status.phase == NamespacePhase.active else { return .done }
    let data = ["ca.crt": Self.rootCA]
    guard var cm = informers.configMaps.get(namespace: key, name: Self.configMapName) else {
      var cm = ConfigMap(metadata: ObjectMeta(name: Self.configMapName, namespace: key), data: data)
      cm.metadata.annotations = [Self.descriptionAnnotation: Self.description]
      client.create(cm)
      return .done
    }
    if cm.data == data && cm.metadata.annotations?[Self.descriptionAnnotation] == Self.description { return .done }
    cm.data = data
    var annotations = cm.metadata.annotations ?? [:]
    annotations[Self.descriptionAnnotation] = Self.description
    cm.metadata.annotations = annotations
    client.update(cm)
    return .done
  }
}
