package dev.qfauth.sample;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An app's own filter for the ordering tests: marks every response it sees before going on. */
public final class MarkingFilter implements Filter {
  static final String HEADER = "X-App-Filter";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ((HttpServletResponse) response).setHeader(HEADER, "ran");
    chain.doFilter(request, response);
  }
}
