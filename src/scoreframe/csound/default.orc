; scoreframe's default orchestra. sfTone plays a soft, slightly bright tone: iamp is the
; amplitude (relative to 0dbfs), ifreq the frequency in Hz, ipan the place (0 left, 1 right).
; Its envelope: 10 ms attack, 90 ms decay to 0.7, held to the end of p3, then a release of
; giSfRelease seconds (the release makes a note, and the rendered file, last that much longer).
; scoreframe sets giSfGain (lower when many notes sound at once) and A4 after this text, then
; writes one instrument per part.
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

giSfGain = 0.25
giSfRelease = 0.1
giSfTone ftgen 0, 0, 16384, 10, 1, 0.5, 0.3, 0.2, 0.12, 0.08

opcode sfTone, aa, iii
  iamp, ifreq, ipan xin
  kenv linsegr 0, 0.01, 1, 0.09, 0.7, giSfRelease, 0
  asig poscil iamp * giSfGain * kenv, ifreq, giSfTone
  aleft, aright pan2 asig, ipan
  xout aleft, aright
endop
