# Memory bounds (issue 16): report downloads wait for a render slot.

report-busy = Too many report files are being prepared at the moment. Try again in a few seconds.
