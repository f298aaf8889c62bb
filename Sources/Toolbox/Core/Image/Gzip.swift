import CZlib

/// gzip through zlib, with the header zlib writes by default: no file name and time zero,
/// so the compressed layer (and its digest) depends on the bytes alone.
public enum Gzip {
    /// gzip-compresses `bytes` at `level` (1 fastest to 9 smallest; 6 is gzip's default).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // 31 = a 15-bit window plus 16 for a gzip (not zlib) wrapper.
        let started = deflateInit2_(
            &stream,
            level,
            Z_DEFLATED,
            31,
            8,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        guard started == Z_OK else { throw ImageError("gzip: deflateInit2 failed (\(started))") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ImageError("gzip: deflate did not finish (\(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Decompresses a gzip stream (one member) chunk by chunk, refusing to produce more than
    /// `limit` bytes: a small hostile input cannot inflate into unbounded memory.
    public static func decompress(_ bytes: [UInt8], limit: Int = LayerLimits.standard.maximumLayerBytes) throws -> [UInt8] {
        var stream = z_stream()
        // 47 = a 15-bit window plus 32: detect a gzip or zlib header.
        let started = inflateInit2_(&stream, 47, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw ImageError("gunzip: inflateInit2 failed (\(started))") }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        var overLimit = false
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while status == Z_OK && !overLimit {
                chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkBuffer.count - Int(stream.avail_out)
                    if output.count + produced > limit {
                        overLimit = true
                    } else {
                        output += chunkBuffer.prefix(produced)
                    }
                }
            }
        }
        if overLimit { throw ImageError("gunzip: the layer inflates to more than \(limit) bytes, the limit") }
        guard status == Z_STREAM_END else { throw ImageError("gunzip: corrupt or truncated data (\(status))") }
        return output
    }
}
