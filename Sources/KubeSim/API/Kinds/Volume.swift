// Volume: a named volume of a pod (core/v1 Volume with its VolumeSource inlined).

/// core/v1 `Volume`. The sources the simulation looks at are typed; the rest are carried as JSON
/// under their upstream names so manifests round-trip. No source at all means `emptyDir: {}`.
public struct Volume: Codable, Sendable, Hashable {
  public var name: String = ""
  public var hostPath: HostPathVolumeSource? = nil
  public var emptyDir: EmptyDirVolumeSource? = nil
  public var secret: SecretVolumeSource? = nil
  public var configMap: ConfigMapVolumeSource? = nil
  public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil
  public var downwardAPI: JSON? = nil
  public var projected: JSON? = nil
  public var csi: JSON? = nil
  public var ephemeral: JSON? = nil
  public var image: JSON? = nil
  public var nfs: JSON? = nil
  public var iscsi: JSON? = nil
  public var gcePersistentDisk: JSON? = nil
  public var awsElasticBlockStore: JSON? = nil
  public var gitRepo: JSON? = nil
  public var glusterfs: JSON? = nil
  public var rbd: JSON? = nil
  public var flexVolume: JSON? = nil
  public var cinder: JSON? = nil
  public var cephfs: JSON? = nil
  public var flocker: JSON? = nil
  public var fc: JSON? = nil
  public var azureFile: JSON? = nil
  public var azureDisk: JSON? = nil
  public var vsphereVolume: JSON? = nil
  public var quobyte: JSON? = nil
  public var photonPersistentDisk: JSON? = nil
  public var portworxVolume: JSON? = nil
  public var scaleIO: JSON? = nil
  public var storageos: JSON? = nil

  public init(name: String) { self.name = name }

  public init(name: String, emptyDir: EmptyDirVolumeSource) {
    self.name = name
    self.emptyDir = emptyDir
  }

  /// The names of the sources that are set (`["hostPath"]`), for "may not specify more than 1 volume type".
  public var sourceNames: [String] {
    var names: [String] = []
    func add(_ set: Bool, _ name: String) { if set { names.append(name) } }
    add(hostPath != nil, "hostPath")
    add(emptyDir != nil, "emptyDir")
    add(secret != nil, "secret")
    add(configMap != nil, "configMap")
    add(persistentVolumeClaim != nil, "persistentVolumeClaim")
    add(downwardAPI != nil, "downwardAPI")
    add(projected != nil, "projected")
    add(csi != nil, "csi")
    add(ephemeral != nil, "ephemeral")
    add(image != nil, "image")
    add(nfs != nil, "nfs")
    add(iscsi != nil, "iscsi")
    add(gcePersistentDisk != nil, "gcePersistentDisk")
    add(awsElasticBlockStore != nil, "awsElasticBlockStore")
    add(gitRepo != nil, "gitRepo")
    add(glusterfs != nil, "glusterfs")
    add(rbd != nil, "rbd")
    add(flexVolume != nil, "flexVolume")
    add(cinder != nil, "cinder")
    add(cephfs != nil, "cephfs")
    add(flocker != nil, "flocker")
    add(fc != nil, "fc")
    add(azureFile != nil, "azureFile")
    add(azureDisk != nil, "azureDisk")
    add(vsphereVolume != nil, "vsphereVolume")
    add(quobyte != nil, "quobyte")
    add(photonPersistentDisk != nil, "photonPersistentDisk")
    add(portworxVolume != nil, "portworxVolume")
    add(scaleIO != nil, "scaleIO")
    add(storageos != nil, "storageos")
    return names
  }
}

/// core/v1 `HostPathVolumeSource`.
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
  public var path: String = ""
  /// Defaulted to "" (HostPathUnset), which prints as `type: ""`.
  public var type: String? = nil
  public init(path: String, type: String? = nil) {
    self.path = path
    self.type = type
  }
}

/// core/v1 `EmptyDirVolumeSource`.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
  public var medium: String = ""
  public var sizeLimit: Quantity? = nil
  public init(medium: String = "", sizeLimit: Quantity? = nil) {
    self.medium = medium
    self.sizeLimit = sizeLimit
  }
}

/// core/v1 `KeyToPath`: one projected key of a secret or config map volume.
public struct KeyToPath: Codable, Sendable, Hashable {
  public var key: String = ""
  public var path: String = ""
  public var mode: Int32? = nil
  public init(key: String, path: String, mode: Int32? = nil) {
    self.key = key
    self.path = path
    self.mode = mode
  }
}

/// core/v1 `SecretVolumeSource`.
public struct SecretVolumeSource: Codable, Sendable, Hashable {
  public var secretName: String = ""
  public var items: [KeyToPath] = []
  /// Defaulted to 0644 (420).
  public var defaultMode: Int32? = nil
  public var optional: Bool? = nil
  public init(secretName: String) { self.secretName = secretName }
}

/// core/v1 `ConfigMapVolumeSource` (with `LocalObjectReference` inlined as `name`).
public struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
  public var name: String = ""
  public var items: [KeyToPath] = []
  /// Defaulted to 0644 (420).
  public var defaultMode: Int32? = nil
  public var optional: Bool? = nil
  public init(name: String) { self.name = name }
}

/// core/v1 `PersistentVolumeClaimVolumeSource`.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
  public var claimName: String = ""
  public var readOnly: Bool? = nil
  public init(claimName: String, readOnly: Bool? = nil) {
    self.claimName = claimName
    self.readOnly = readOnly
  }
}
