/**
 * How a command ends: the documented exit codes and the one-sentence user error that carries one.
 * Every other package of the application may use these; they use nothing of it.
 */
package dev.cosinerepro.app.exit;
