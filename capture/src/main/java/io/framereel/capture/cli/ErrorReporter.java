package io.framereel.capture.cli;

import io.framereel.storage.ImageIOException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into framereel's error output: one line {@code framereel: <message>} on the command's
 * stderr, exit status 2 for usage errors and 1 for failures at run time, and the stack trace only with
 * {@code --verbose}. Stateless and thread-safe.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final String PREFIX = "framereel: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(PREFIX + oneLine(ex.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        command.getOut().flush();
        PrintWriter err = command.getErr();
        boolean verbose = isVerbose(parseResult);
        err.println(PREFIX + oneLine(describe(ex, verbose)));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Whether {@code --verbose} was given to the top-level command or any subcommand. */
    private static boolean isVerbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message for an exception: ours and ImageIO's are already written for the user; file system errors
     * get their file named in words; anything else is a bug and says so.
     */
    static String describe(Throwable e, boolean verbose) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause(), verbose);
        }
        if (e instanceof CliException || e instanceof ImageIOException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException) {
            return describeFileSystem((FileSystemException) e);
        }
        if (e instanceof IOException) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return "internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)");
    }

    private static String describeFileSystem(FileSystemException e) {
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else {
            what = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        }
        String file = e.getFile() != null ? e.getFile() : "?";
        return e.getOtherFile() != null ? file + " -> " + e.getOtherFile() + ": " + what : file + ": " + what;
    }

    /** Keeps an error to one line even when a message carries line breaks. */
    static String oneLine(String message) {
        return message == null ? "" : message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
