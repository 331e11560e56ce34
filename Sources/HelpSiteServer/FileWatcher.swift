import HelpCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reports changed files under some folders, in batches: events closer together than `debounce`
/// (an editor's write-rename-chmod on save) arrive as one batch. inotify on Linux, polling elsewhere or
/// when inotify is unavailable.
public final class FileWatcher: Sendable {
    private let roots: [String]
    private let debounce: Duration
    private let stopped = Mutex(false)

    public init(roots: [String], debounce: Duration = .milliseconds(8)) {
        self.roots = roots
        self.debounce = debounce
    }

    /// Batches of changed paths; ends when `stop()` is called. Every folder is watched before this returns,
    /// so no save made afterwards is missed.
    public func changes() -> AsyncStream<[String]> {
        #if canImport(Glibc)
        let inotify = InotifyWatches(roots: roots)
        #endif
        return AsyncStream { continuation in
            let thread = Thread { [self] in
                #if canImport(Glibc)
                if let inotify {
                    self.read(inotify, into: continuation)
                    return
                }
                #endif
                self.poll(continuation)
            }
            thread.name = "helpsite-watcher"
            thread.start()
            continuation.onTermination = { [weak self] _ in self?.stop() }
        }
    }

    public func stop() {
        stopped.withLock { $0 = true }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    #if canImport(Glibc)
    private func read(_ inotify: InotifyWatches, into continuation: AsyncStream<[String]>.Continuation) {
        defer { inotify.close() }
        var pending: Set<String> = []
        var lastEvent = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopped {
            var poller = pollfd(fd: inotify.descriptor, events: Int16(POLLIN), revents: 0)
            // Sleep until an event, waking only to finish a debounce or to notice `stop()`.
            let waitMilliseconds: Int32 = pending.isEmpty ? 100 : 2
            if Glibc.poll(&poller, 1, waitMilliseconds) > 0 {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(inotify.descriptor, $0.baseAddress, $0.count) }
                var offset = 0
                while count > 0, offset < count {
                    let (watch, eventMask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        let nameStart = offset + MemoryLayout<inotify_event>.size
                        let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                        return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                    }
                    offset += MemoryLayout<inotify_event>.size + nameLength
                    guard let folder = inotify.folder(for: watch), !name.hasPrefix("."), !name.hasSuffix("~") else { continue }
                    let path = folder + "/" + name
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { inotify.add(path) }
                    pending.insert(path)
                    lastEvent = .now
                }
            }
            if !pending.isEmpty && ContinuousClock.now - lastEvent >= debounce {
                continuation.yield(pending.sorted())
                pending.removeAll()
            }
        }
        continuation.finish()
    }
    #endif

    private func poll(_ continuation: AsyncStream<[String]>.Continuation) {
        var previous = snapshot()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.2)
            let current = snapshot()
            let changed = Set(current.keys).union(previous.keys).filter { current[$0] != previous[$0] }
            if !changed.isEmpty { continuation.yield(changed.sorted()) }
            previous = current
        }
        continuation.finish()
    }

    private func snapshot() -> [String: Date] {
        var result: [String: Date] = [:]
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in enumerator {
                let path = root + "/" + relative
                if let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date { result[path] = date }
            }
        }
        return result
    }
}

#if canImport(Glibc)
/// An inotify descriptor with a watch on every folder below the roots (new folders are added as they appear).
final class InotifyWatches: Sendable {
    let descriptor: Int32
    private let folders = Mutex<[Int32: String]>([:])
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)

    init?(roots: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots { add(root) }
    }

    func folder(for watch: Int32) -> String? { folders.withLock { $0[watch] } }

    func add(_ folder: String) {
        var pending = [folder]
        while let current = pending.popLast() {
            let watch = inotify_add_watch(descriptor, current, Self.mask)
            if watch >= 0 { folders.withLock { $0[watch] = current } }
            guard let handle = opendir(current) else { continue }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if !name.hasPrefix("."), entry.pointee.d_type == UInt8(DT_DIR) { pending.append(current + "/" + name) }
            }
            closedir(handle)
        }
    }

    func close() { Glibc.close(descriptor) }
}
#endif
