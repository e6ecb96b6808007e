;; Dense retrieval's scan as a WebAssembly SIMD kernel: the dot product of one query vector with
;; every row of the index, 4 floats per instruction. The JS fallback, and the definition this must
;; agree with, is `denseScores` in dense.ts; `createDenseScan` there sets up memory and calls it.
;;
;; Compiled to dot-product.wasm by `npm run build:wasm` (scripts/build-wasm.ts); both files are
;; committed, and a test fails if they differ.
;;
;; Memory is imported, not declared here, so JS allocates it once at the size the index needs and
;; writes vectors and query straight into it. dense.ts lays it out as three float32 arrays, back to
;; back, with every address below a byte offset into it:
;;
;;   [ vectors: rows x dim, row-major ][ query: dim ][ scores: rows ]
;;
;; Requirement: dim is a positive multiple of 8. Each pass of the inner loop takes 8 floats (two
;; 4-lane vectors) and there is no loop for leftovers: any other dim would sum in floats past the
;; row's end. dense.ts checks this and uses the JS kernel otherwise. (Embedding models have dims
;; like 256, 384, 768, 1536: all multiples of 8.)
(module
  (import "env" "memory" (memory 1))

  ;; scores[r] = dot(vectors[r], query) for r in 0..rows-1.
  ;;   $row   byte offset of the first row (each row is dim * 4 bytes, rows back to back)
  ;;   $rows  number of rows
  ;;   $dim   floats per row and in the query; a positive multiple of 8
  ;;   $query byte offset of the query
  ;;   $out   byte offset where the rows' float32 scores are written
  (func (export "scores") (param $row i32) (param $rows i32) (param $dim i32) (param $query i32) (param $out i32)
    (local $j i32) (local $rowBytes i32) (local $acc0 v128) (local $acc1 v128) (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    ;; The loop walks $out forward one score at a time and stops at the end of the scores.
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        ;; Two accumulators, four lanes each: lane k of $acc0 sums products j = 8i + k, lane k of
        ;; $acc1 those at 8i + 4 + k. With one accumulator every add would wait for the previous
        ;; add's result; two independent chains let the CPU run them side by side.
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        ;; $j is a byte offset within the row (and the query): 32 bytes = 8 floats per pass.
        ;; It runs at least once, which is fine since dim >= 8.
        (loop $colLoop
          (local.set $acc0 (f32x4.add (local.get $acc0)
            (f32x4.mul (v128.load (i32.add (local.get $row) (local.get $j)))
                       (v128.load (i32.add (local.get $query) (local.get $j))))))
          (local.set $acc1 (f32x4.add (local.get $acc1)
            (f32x4.mul (v128.load offset=16 (i32.add (local.get $row) (local.get $j)))
                       (v128.load offset=16 (i32.add (local.get $query) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 32)))
          (br_if $colLoop (i32.lt_u (local.get $j) (local.get $rowBytes))))
        ;; Fold the 8 partial sums into one. JS sums left to right in float64; this sums in float32
        ;; in another order, so scores differ from `denseScores` in the last bits (around 1e-7).
        (local.set $acc0 (f32x4.add (local.get $acc0) (local.get $acc1)))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc0)) (f32x4.extract_lane 1 (local.get $acc0)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc0)) (f32x4.extract_lane 3 (local.get $acc0)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $rowLoop))))
)
