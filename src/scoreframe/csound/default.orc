; scoreframe's default orchestra: every instrument plays p4 (amplitude, relative to 0dbfs)
; at p5 (frequency in Hz): a soft, slightly bright tone, attack 10 ms, release 100 ms.
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

giTone ftgen 0, 0, 16384, 10, 1, 0.4, 0.2, 0.1, 0.05

opcode sfTone, a, ii
  iamp, ifreq xin
  kenv linsegr 0, 0.01, 1, 0.05, 0.8, 0.1, 0
  asig poscil iamp * 0.25 * kenv, ifreq, giTone
  xout asig
endop
