/** Topic-model examples: the Griffiths-Steyvers bars and a tiny real corpus. */
package io.emkit.examples.lda;
